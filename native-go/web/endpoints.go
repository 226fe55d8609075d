package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"crossbench/native-go/ops"
)

// The endpoints' work, which the handler and the framework tiers share:
// what differs between them is only how a request gets here and how the
// answer is written.

// MaxBody is the largest request body an endpoint takes; one byte more is 413.
const MaxBody = 1 << 20

// tokenLifetime is exp - iat of the tokens the login signs.
const tokenLifetime = time.Hour

// The answers' JSON bodies.
type (
	helloAnswer struct {
		Message string `json:"message"`
	}
	tokenAnswer struct {
		Token string `json:"token"`
	}
	errorAnswer struct {
		Error string `json:"error"`
	}
)

var (
	hello        = helloAnswer{"Hello, World!"}
	badRequest   = errorAnswer{"bad request"}
	unauthorized = errorAnswer{"unauthorized"}
	serverError  = errorAnswer{"internal error"} // a hash or key the app checked at build; never expected
)

// loginRequest is the login body. The members are pointers so that a member
// missing (nil) differs from an empty string, which is a string; Gin's
// validation (binding:"required") refuses nil. A member of another name is
// refused by the decoder's DisallowUnknownFields, one of another type by the
// decoder itself.
type loginRequest struct {
	Email    *string `json:"email" binding:"required"`
	Password *string `json:"password" binding:"required"`
}

// validLoginJSON checks what neither encoding/json nor Gin's binding refuses in
// a login body: bytes that are not UTF-8 (the decoder turns them into
// U+FFFD) and data after the object (both decode one value from a stream).
func validLoginJSON(body []byte) bool {
	return utf8.Valid(body) && json.Valid(body)
}

// login is the work after binding: the password's length, the lookup, bcrypt,
// and the token.
func (a *App) login(email, password string) (int, any) {
	if n := len(password); n < 1 || n > ops.BcryptMaxPassword {
		return http.StatusBadRequest, badRequest
	}
	user, ok := a.users[email]
	if !ok {
		return http.StatusUnauthorized, unauthorized
	}
	match, err := ops.BcryptVerify([]byte(password), []byte(user.PasswordHash))
	if err != nil {
		return http.StatusInternalServerError, serverError
	}
	if !match {
		return http.StatusUnauthorized, unauthorized
	}
	token, err := a.sign(user.ID, time.Now())
	if err != nil {
		return http.StatusInternalServerError, serverError
	}
	return http.StatusOK, tokenAnswer{token}
}

// sign writes the login's token: {"sub": "<id>", "exp": now + 1 h, "iat": now}
// in whole seconds (golang-jwt's NumericDate), HS256 with the corpus key.
func (a *App) sign(id int64, now time.Time) (string, error) {
	claims := jwt.RegisteredClaims{
		Subject:   strconv.FormatInt(id, 10),
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(tokenLifetime)),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(a.key)
}

// authorized reports whether an Authorization header holds a bearer token
// that verifies as the lane's jwt_verify verifies, with an exp in the future.
func (a *App) authorized(authorization string) bool {
	token, ok := strings.CutPrefix(authorization, "Bearer ")
	return ok && ops.JWTVerifyBearer([]byte(token), a.key) == nil
}
