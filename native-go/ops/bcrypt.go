package ops

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// Limits every lane enforces itself. x/crypto/bcrypt silently hashes with cost
// 10 when asked for less than 4, and compares passwords over 72 bytes without
// complaint; a benchmark must never measure something other than it reports.
const (
	BcryptMinCost     = 4
	BcryptMaxCost     = 31
	BcryptMaxPassword = 72
)

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
