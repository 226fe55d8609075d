package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
)

func init() {
	// Release mode: Gin prints nothing (debug mode writes to stdout, the
	// JVM's own when the lane runs in it).
	gin.SetMode(gin.ReleaseMode)
	// OPS.md refuses a login body with a member of another name; Gin's JSON
	// binding takes one unless this switch, process-wide, is on.
	binding.EnableDecoderDisallowUnknownFields = true
}

// newEngine is the app's Gin engine, which the framework and the server tiers
// serve: gin.New() (no logger; no recovery: a panic reaches the lane's call,
// which turns it into an error, through the framework tier, and net/http's
// own recovery, which logs it and closes the connection, through the server
// tier), a wrong method 405 rather than 404, and the body limit on every
// request.
func newEngine(a *App) *gin.Engine {
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.Use(limitBody)
	e.GET("/json", a.ginJSON)
	e.POST("/auth/login", a.ginLogin)
	e.GET("/items", a.ginItems)
	return e
}

// limitBody makes a body over MaxBody fail when read (http.MaxBytesReader).
func limitBody(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBody)
}

func (a *App) ginJSON(c *gin.Context) {
	c.JSON(http.StatusOK, hello)
}

// ginLogin reads the body once (its limit, and the checks the binding does
// not make, need the bytes), then binds and validates them with Gin's JSON
// binding.
func (a *App) ginLogin(c *gin.Context) {
	body, err := c.GetRawData()
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		c.AbortWithStatus(http.StatusRequestEntityTooLarge)
		return
	}
	var req loginRequest
	if err != nil || !validLoginJSON(body) || binding.JSON.BindBody(body, &req) != nil {
		c.JSON(http.StatusBadRequest, badRequest)
		return
	}
	c.JSON(a.login(*req.Email, *req.Password))
}

func (a *App) ginItems(c *gin.Context) {
	if !a.authorized(c.GetHeader("Authorization")) {
		c.JSON(http.StatusUnauthorized, unauthorized)
		return
	}
	c.JSON(http.StatusOK, a.items)
}
