package ops_test

import (
	"encoding/json"
	"fmt"
	"time"

	"crossbench/native-go/ops"
)

// payloads are the JSON sizes every benchmark runs at: one user, and arrays of
// users growing to about 4 KiB and 256 KiB.
var payloads = []struct {
	name string
	doc  []byte
}{
	{"small", usersDoc(0)},
	{"medium", usersDoc(4 << 10)},
	{"large", usersDoc(256 << 10)},
}

// usersDoc returns a JSON array of deterministic users, at least one and as
// many as needed to reach minBytes.
func usersDoc(minBytes int) []byte {
	var users []ops.User
	for size := 0; len(users) == 0 || size < minBytes; {
		u := makeUser(len(users))
		b, err := json.Marshal(u)
		if err != nil {
			panic(err)
		}
		size += len(b) + 1
		users = append(users, u)
	}
	doc, err := json.Marshal(users)
	if err != nil {
		panic(err)
	}
	return doc
}

func makeUser(i int) ops.User {
	roles := []string{"user"}
	if i%5 == 0 {
		roles = append(roles, "admin")
	}
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
	return ops.User{
		ID:           int64(100000 + i),
		Email:        fmt.Sprintf("user%05d@example.com", i),
		Name:         fmt.Sprintf("User Number %d", i),
		PasswordHash: "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		Roles:        roles,
		Active:       i%3 != 0,
		Score:        float64(i%1000) * 0.125,
		CreatedAt:    created.Format(time.RFC3339),
	}
}
