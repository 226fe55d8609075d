"""The user record the lane's tests bind and write (OPS.md, "The user record"), in its field order."""

USER = {
    "id": 42,
    "email": "ada@example.com",
    "name": "Ada Lovelace",
    "password_hash": "$2b$04$abcdefghijklmnopqrstuu",
    "roles": ["admin", "dev"],
    "active": True,
    "score": 97.5,
    "created_at": "2024-01-02T03:04:05Z",
}
