module crossbench/native-go

go 1.21

require (
	github.com/golang-jwt/jwt/v5 v5.3.1
	github.com/gowebpki/jcs v1.0.1
	golang.org/x/crypto v0.33.0
)
