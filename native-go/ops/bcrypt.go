package ops

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Limits every lane enforces itself. x/crypto/bcrypt silently hashes with cost
// 10 when asked for less than 4, and compares passwords over 72 bytes without
// complaint; a benchmark must never measure something other than it reports.
// Cost 20 takes about a minute on 2 cores and each step doubles it (31 would be
// about 36 hours), so no op, hashing or verifying, runs above 20 (OPS.md).
const (
	BcryptMinCost     = 4
	BcryptMaxCost     = 20
	BcryptMaxPassword = 72
)

// bcryptAlphabet is bcrypt's own base64 alphabet, in value order.
const bcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// CheckBcryptHash enforces OPS.md's hash format before any library sees it:
// exactly 60 bytes, $2a$, $2b$ or $2y$, two cost digits within
// BcryptMinCost..BcryptMaxCost, then 53 characters of bcrypt's base64 whose
// unused trailing bits (of the 22-character salt and of the 31-character hash)
// are zero. x/crypto accepts any version letter ($2c$, $2z$), a bare $2$ and
// trailing bytes, so without this check it says true where others fail.
func CheckBcryptHash(h []byte) error {
	if len(h) != 60 {
		return fmt.Errorf("bcrypt hash is malformed: %d bytes, not 60", len(h))
	}
	if h[0] != '$' || h[1] != '2' || (h[2] != 'a' && h[2] != 'b' && h[2] != 'y') || h[3] != '$' {
		return errors.New("bcrypt hash is malformed: it must start with $2a$, $2b$ or $2y$")
	}
	if h[4] < '0' || h[4] > '9' || h[5] < '0' || h[5] > '9' || h[6] != '$' {
		return errors.New("bcrypt hash is malformed: the cost must be two digits and a $")
	}
	if cost := int(h[4]-'0')*10 + int(h[5]-'0'); cost < BcryptMinCost || cost > BcryptMaxCost {
		return fmt.Errorf("bcrypt hash has cost %d, outside %d..%d", cost, BcryptMinCost, BcryptMaxCost)
	}
	for i := 7; i < 60; i++ {
		v := strings.IndexByte(bcryptAlphabet, h[i])
		switch {
		case v < 0:
			return fmt.Errorf("bcrypt hash is malformed: %q at %d is not bcrypt base64", h[i], i)
		case i == 28 && v%16 != 0, i == 59 && v%4 != 0:
			return fmt.Errorf("bcrypt hash is malformed: %q at %d sets unused bits", h[i], i)
		}
	}
	return nil
}

// BcryptHash hashes password with a fresh random salt at exactly cost.
func BcryptHash(password []byte, cost int) (string, error) {
	if cost < BcryptMinCost || cost > BcryptMaxCost {
		return "", fmt.Errorf("bcrypt cost %d is outside %d..%d", cost, BcryptMinCost, BcryptMaxCost)
	}
	if err := checkPassword(password); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword(password, cost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// BcryptVerify reports whether password matches hash. A mismatch is false with
// no error; a malformed hash is an error.
func BcryptVerify(password, hash []byte) (bool, error) {
	if err := checkPassword(password); err != nil {
		return false, err
	}
	if err := CheckBcryptHash(hash); err != nil {
		return false, err
	}
	err := bcrypt.CompareHashAndPassword(hash, password)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, nil
	default:
		return false, err
	}
}

func checkPassword(p []byte) error {
	if len(p) < 1 || len(p) > BcryptMaxPassword {
		return fmt.Errorf("bcrypt password is %d bytes, outside 1..%d", len(p), BcryptMaxPassword)
	}
	return nil
}
