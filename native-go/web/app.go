package web

import (
	"errors"
	"fmt"
	"sync"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"crossbench/native-go/corpus"
	"crossbench/native-go/ops"
)

// The apps: the versions of the endpoints (OPS.md), which differ only in the
// cost of the users' password hash.
const (
	// Equalised holds the cost-10 hash, as every lane's equalised store.
	Equalised = "equalised"
	// AsWritten holds the hash at the library's default cost, as the
	// articles' code makes it: bcrypt.DefaultCost is 10, so in this lane the
	// two apps do the same work.
	AsWritten = "as-written"
)

// OwnApps are the apps with code of their own, versions' http_apps: the
// as-written app is the equalised one here, so the suite measures it once.
var OwnApps = []string{Equalised}

// appCosts is the bcrypt cost of each app's stored hash.
var appCosts = map[string]int{Equalised: 10, AsWritten: bcrypt.DefaultCost}

// AppCost is the bcrypt cost of an app's stored hash (0 for no app).
func AppCost(app string) int { return appCosts[app] }

// Users is how many users the store holds: user N has id N and email
// userN@example.com (OPS.md, "The users").
const Users = 1000

// App is one version of the endpoints, built once and then only read, so
// every tier and thread shares it.
type App struct {
	name  string
	users map[string]*ops.User // by email: the stand-in for the database
	items []ops.User           // /items' records, bound once from medium.json
	key   []byte               // the HS256 key

	engine *gin.Engine
	server *server
}

// apps are the apps built so far, from the corpus folder the lane was
// started with: built on their first http op, so that starting the lane
// (every benchmark fork does) stays cheap.
var apps struct {
	mu    sync.Mutex
	dir   string
	built map[string]*App
}

// SetCorpus names the corpus folder the apps read their files from
// (jwt-key, the password hashes, medium.json), each checked against its
// SHA256SUMS. Apps already built keep what they read.
func SetCorpus(dir string) {
	apps.mu.Lock()
	defer apps.mu.Unlock()
	apps.dir = dir
}

// appNamed returns the app called name, building it on first use.
func appNamed(name string) (*App, error) {
	apps.mu.Lock()
	defer apps.mu.Unlock()
	if a, ok := apps.built[name]; ok {
		return a, nil
	}
	cost, ok := appCosts[name]
	if !ok {
		return nil, fmt.Errorf("no app %q: apps %s, %s", name, Equalised, AsWritten)
	}
	if apps.dir == "" {
		return nil, errors.New("the go lane has no corpus folder to build its web app from: start it with corpus=<folder>")
	}
	a, err := newApp(name, cost, apps.dir)
	if err != nil {
		return nil, fmt.Errorf("app %s: %w", name, err)
	}
	if apps.built == nil {
		apps.built = map[string]*App{}
	}
	apps.built[name] = a
	return a, nil
}

func newApp(name string, cost int, dir string) (*App, error) {
	hashFile := fmt.Sprintf("password-bcrypt-%d", cost)
	files, err := corpus.Read(dir, []string{"jwt-key", hashFile, "medium.json"})
	if err != nil {
		return nil, err
	}
	hash := files[hashFile]
	if err := ops.CheckBcryptHash(hash); err != nil {
		return nil, fmt.Errorf("%s: %w", hashFile, err)
	}
	items, err := ops.BindUsers(ops.Usual, files["medium.json"])
	if err != nil {
		return nil, fmt.Errorf("medium.json: %w", err)
	}
	a := &App{name: name, users: make(map[string]*ops.User, Users), items: items, key: files["jwt-key"]}
	for id := int64(1); id <= Users; id++ {
		u := &ops.User{ID: id, Email: fmt.Sprintf("user%d@example.com", id), PasswordHash: string(hash)}
		a.users[u.Email] = u
	}
	a.engine = newEngine(a)
	a.server = newServer(a.engine)
	return a, nil
}
