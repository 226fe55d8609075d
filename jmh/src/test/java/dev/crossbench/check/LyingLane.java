package dev.crossbench.check;

import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneInfo;

/** A lane that forwards everything to a real one; tests override one op to lie. */
class LyingLane implements Lane {
    private final Lane real;

    LyingLane(Lane real) {
        this.real = real;
    }

    @Override public String name() { return real.name(); }
    @Override public LaneInfo info() { return real.info(); }
    @Override public void noop() { real.noop(); }
    @Override public byte[] echo(byte[] payload) { return real.echo(payload); }
    @Override public int jsonTree(byte[] json) { return real.jsonTree(json); }
    @Override public String jsonTreeDigest(byte[] json) { return real.jsonTreeDigest(json); }
    @Override public int jsonBind(byte[] json) { return real.jsonBind(json); }
    @Override public String jsonBindDigest(byte[] json) { return real.jsonBindDigest(json); }
    @Override public String bcryptHash(byte[] password, int cost) { return real.bcryptHash(password, cost); }
    @Override public boolean bcryptVerify(byte[] password, String hash) { return real.bcryptVerify(password, hash); }
    @Override public String jwtSign(byte[] claimsJson, byte[] key) { return real.jwtSign(claimsJson, key); }
    @Override public String jwtVerify(String token, byte[] key) { return real.jwtVerify(token, key); }
}
