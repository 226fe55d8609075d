package dev.crossbench.check;

import dev.crossbench.lane.JsonLibrary;
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
    @Override public int jsonTree(JsonLibrary library, byte[] json) { return real.jsonTree(library, json); }
    @Override public String jsonTreeDigest(JsonLibrary library, byte[] json) { return real.jsonTreeDigest(library, json); }
    @Override public int jsonBind(JsonLibrary library, byte[] json) { return real.jsonBind(library, json); }
    @Override public String jsonBindDigest(JsonLibrary library, byte[] json) { return real.jsonBindDigest(library, json); }
    @Override public int jsonKeep(JsonLibrary library, byte[] json) { return real.jsonKeep(library, json); }
    @Override public int jsonWrite(int handle) { return real.jsonWrite(handle); }
    @Override public String jsonWriteDigest(JsonLibrary library, byte[] json) { return real.jsonWriteDigest(library, json); }
    @Override public void jsonRelease(int handle) { real.jsonRelease(handle); }
    @Override public void allocStart() { real.allocStart(); }
    @Override public long allocStop() { return real.allocStop(); }
    @Override public String bcryptHash(byte[] password, int cost) { return real.bcryptHash(password, cost); }
    @Override public boolean bcryptVerify(byte[] password, String hash) { return real.bcryptVerify(password, hash); }
    @Override public String jwtSign(byte[] claimsJson, byte[] key) { return real.jwtSign(claimsJson, key); }
    @Override public String jwtVerify(String token, byte[] key) { return real.jwtVerify(token, key); }
}
