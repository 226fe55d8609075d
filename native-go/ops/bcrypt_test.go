package ops_test

import (
	"bytes"
	"strings"
	"testing"

	"crossbench/native-go/ops"
)

func TestBcryptRoundTrip(t *testing.T) {
	h, err := ops.BcryptHash([]byte("correct horse"), 4)
	if err != nil {
		t.Fatal(err)
	}
	// The cost in the hash is the cost asked for, not a silent default.
	if !strings.HasPrefix(h, "$2a$04$") || len(h) != 60 {
		t.Fatalf("hash %q: want a 60-byte $2a$04$ hash", h)
	}
	ok, err := ops.BcryptVerify([]byte("correct horse"), []byte(h))
	if err != nil || !ok {
		t.Errorf("verify right password = %v, %v; want true", ok, err)
	}
	ok, err = ops.BcryptVerify([]byte("wrong horse"), []byte(h))
	if err != nil || ok {
		t.Errorf("verify wrong password = %v, %v; want false, no error", ok, err)
	}
	h2, _ := ops.BcryptHash([]byte("correct horse"), 4)
	if h2 == h {
		t.Error("two hashes of one password are equal: salt not random")
	}
}

func TestBcryptCostRange(t *testing.T) {
	for _, cost := range []int{-1, 0, 3, 21, 31, 32} {
		_, err := ops.BcryptHash([]byte("pw"), cost)
		if err == nil || !strings.Contains(err.Error(), "outside 4..20") {
			t.Errorf("cost %d: err = %v, want outside 4..20", cost, err)
		}
	}
}

func TestBcryptPasswordLength(t *testing.T) {
	h, err := ops.BcryptHash(bytes.Repeat([]byte("a"), 72), 4)
	if err != nil {
		t.Fatalf("72-byte password: %v", err)
	}
	long := bytes.Repeat([]byte("a"), 73)
	if _, err := ops.BcryptHash(long, 4); err == nil {
		t.Error("hash of a 73-byte password succeeded")
	}
	// x/crypto would report a match here: it only looks at the first 72 bytes.
	if ok, err := ops.BcryptVerify(long, []byte(h)); err == nil {
		t.Errorf("verify of a 73-byte password = %v, no error", ok)
	}
	if _, err := ops.BcryptHash(nil, 4); err == nil {
		t.Error("hash of an empty password succeeded")
	}
	if _, err := ops.BcryptVerify(nil, []byte(h)); err == nil {
		t.Error("verify of an empty password succeeded")
	}
}

func TestBcryptMalformedHash(t *testing.T) {
	good, _ := ops.BcryptHash([]byte("pw"), 4)
	rest := good[4:] // "04$" + salt and hash
	for _, h := range []string{
		"", "not a hash", "$2a$04$short", "$2a$99$" + good[7:], "$9z$" + rest,
		good + "x", good + strings.Repeat("x", 21), good[:59], good[:40], // length
		"$2c$" + rest, "$2z$" + rest, "$2$" + rest, "$2x$" + rest, "$2A$" + rest, // version
		"$2b$4$" + good[7:], "$2b$03$" + good[7:], "$2b$21$" + good[7:], "$2b$31$" + good[7:], // cost
		good[:10] + "!!" + good[12:], good[:30] + "=" + good[31:], // alphabet
	} {
		if ok, err := ops.BcryptVerify([]byte("pw"), []byte(h)); err == nil {
			t.Errorf("verify against %q = %v, no error", h, ok)
		}
	}
	// The last salt character carries 2 bits, the last hash character 4: a
	// character with any unused bit set is another spelling of the same bytes.
	for _, i := range []int{28, 59} {
		h := []byte(good)
		h[i]++ // within the alphabet's letters and digits, one more sets an unused bit
		if h[i] == '9'+1 || h[i] == 'Z'+1 || h[i] == 'z'+1 {
			h[i] -= 2
		}
		if ok, err := ops.BcryptVerify([]byte("pw"), h); err == nil {
			t.Errorf("verify against %s (unused bits at %d) = %v, no error", h, i, ok)
		}
	}
	for _, v := range []string{"$2a$", "$2b$", "$2y$"} {
		if ok, err := ops.BcryptVerify([]byte("pw"), []byte(v+rest)); err != nil || !ok {
			t.Errorf("verify against %s = %v, %v; want true", v+rest, ok, err)
		}
	}
}

// BenchmarkBcrypt is Bcrypt of the suite at its default cost, 10, on the
// corpus password: hash (a new salt each time) and verify against a hash of it.
func BenchmarkBcrypt(b *testing.B) {
	const cost = 10
	pw := corpusFile(b, "password")
	b.Run("hash", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			h, err := ops.BcryptHash(pw, cost)
			if err != nil {
				b.Fatal(err)
			}
			sink += len(h)
		}
	})
	b.Run("verify", func(b *testing.B) {
		h, err := ops.BcryptHash(pw, cost)
		if err != nil {
			b.Fatal(err)
		}
		hash := []byte(h)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if ok, err := ops.BcryptVerify(pw, hash); !ok || err != nil {
				b.Fatal(ok, err)
			}
		}
	})
}
