package dev.crossbench.contract;

import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.Op;
/**
 * Checks every argument the same way for every lane, before anything crosses
 * into a runtime (OPS.md, "Inputs every lane checks the same way"), so a
 * benchmark can never measure another cost than it reports and no runtime sees
 * a null. This is what {@link dev.crossbench.lane.registry.Lanes} hands out.
 */
public final class CheckedLane implements Lane {
    static final int MIN_COST = AuthRules.MIN_COST;
    static final int MAX_COST = AuthRules.MAX_COST;
    static final int MAX_PASSWORD_BYTES = 72;
    /** The largest raw request the http ops take: room for a body one byte over the endpoints' 1 MiB limit. */
    static final int MAX_REQUEST_BYTES = 2 << 20;

    private final Lane lane;

    public CheckedLane(Lane lane) {
        this.lane = lane;
    }

    /** The lane behind the checks, for tests of what a runtime does on its own. */
    public Lane unchecked() {
        return lane;
    }

    @Override
    public String name() {
        return lane.name();
    }

    @Override
    public LaneInfo info() {
        return lane.info();
    }

    @Override
    public void noop() {
        lane.noop();
    }

    @Override
    public byte[] echo(byte[] payload) {
        if (payload == null) {
            throw reject(Op.ECHO, "payload is null");
        }
        return lane.echo(payload);
    }

    @Override
    public int jsonTree(JsonLibrary library, byte[] json) {
        requireDocument(Op.JSON_TREE, library, json);
        return lane.jsonTree(library, json);
    }

    @Override
    public String jsonTreeDigest(JsonLibrary library, byte[] json) {
        requireDocument(Op.JSON_TREE_DIGEST, library, json);
        return lane.jsonTreeDigest(library, json);
    }

    @Override
    public int jsonBind(JsonLibrary library, byte[] json) {
        requireDocument(Op.JSON_BIND, library, json);
        return lane.jsonBind(library, json);
    }

    @Override
    public String jsonBindDigest(JsonLibrary library, byte[] json) {
        requireDocument(Op.JSON_BIND_DIGEST, library, json);
        return lane.jsonBindDigest(library, json);
    }

    @Override
    public int jsonKeep(JsonLibrary library, byte[] json) {
        requireDocument(Op.JSON_KEEP, library, json);
        return lane.jsonKeep(library, json);
    }

    @Override
    public int jsonWrite(int handle) {
        requireHandle(Op.JSON_WRITE, handle);
        return lane.jsonWrite(handle);
    }

    @Override
    public String jsonWriteDigest(JsonLibrary library, byte[] json) {
        requireDocument(Op.JSON_WRITE_DIGEST, library, json);
        return lane.jsonWriteDigest(library, json);
    }

    @Override
    public void jsonRelease(int handle) {
        requireHandle(Op.JSON_RELEASE, handle);
        lane.jsonRelease(handle);
    }

    @Override
    public void allocStart() {
        lane.allocStart();
    }

    @Override
    public long allocStop() {
        return lane.allocStop();
    }

    @Override
    public String bcryptHash(byte[] password, int cost) {
        requirePassword(Op.BCRYPT_HASH, password);
        if (cost < MIN_COST || cost > MAX_COST) {
            throw reject(Op.BCRYPT_HASH, "bcrypt cost " + cost + " is outside " + MIN_COST + ".." + MAX_COST);
        }
        return lane.bcryptHash(password, cost);
    }

    @Override
    public boolean bcryptVerify(byte[] password, String hash) {
        requirePassword(Op.BCRYPT_VERIFY, password);
        requireText(Op.BCRYPT_VERIFY, "hash", hash);
        try {
            AuthRules.checkBcryptHash(hash);
        } catch (IllegalArgumentException e) {
            throw reject(Op.BCRYPT_VERIFY, e.getMessage());
        }
        return lane.bcryptVerify(password, hash);
    }

    @Override
    public String jwtSign(byte[] claimsJson, byte[] key) {
        requireBytes(Op.JWT_SIGN, "claims", claimsJson);
        requireBytes(Op.JWT_SIGN, "key", key);
        if (claimsJson.length > AuthRules.MAX_CLAIMS) {
            throw reject(Op.JWT_SIGN, "claims are " + claimsJson.length + " bytes, over " + AuthRules.MAX_CLAIMS);
        }
        return lane.jwtSign(claimsJson, key);
    }

    @Override
    public String jwtVerify(String token, byte[] key) {
        requireText(Op.JWT_VERIFY, "token", token);
        requireBytes(Op.JWT_VERIFY, "key", key);
        if (token.length() > AuthRules.MAX_TOKEN) {
            throw reject(Op.JWT_VERIFY, "token is " + token.length() + " characters, over " + AuthRules.MAX_TOKEN);
        }
        return lane.jwtVerify(token, key);
    }

    @Override
    public int httpKeep(HttpTier tier, HttpApp app, byte[] request) {
        requireRequest(Op.HTTP_KEEP, tier, app, request);
        return lane.httpKeep(tier, app, request);
    }

    @Override
    public long httpRun(int handle) {
        requireHandle(Op.HTTP_RUN, handle);
        return lane.httpRun(handle);
    }

    @Override
    public HttpAnswer httpCheck(HttpTier tier, HttpApp app, byte[] request) {
        requireRequest(Op.HTTP_CHECK, tier, app, request);
        return lane.httpCheck(tier, app, request);
    }

    @Override
    public void httpRelease(int handle) {
        requireHandle(Op.HTTP_RELEASE, handle);
        lane.httpRelease(handle);
    }

    /** A tier, an app and a request: not empty, and not over the largest the corpus holds (a body just over 1 MiB). */
    private void requireRequest(Op op, HttpTier tier, HttpApp app, byte[] request) {
        if (tier == null || app == null) {
            throw reject(op, (tier == null ? "tier" : "app") + " is null");
        }
        requireBytes(op, "request", request);
        if (request.length > MAX_REQUEST_BYTES) {
            throw reject(op, "request is " + request.length + " bytes, over " + MAX_REQUEST_BYTES);
        }
    }

    private void requirePassword(Op op, byte[] password) {
        requireBytes(op, "password", password);
        if (password.length > MAX_PASSWORD_BYTES) {
            throw reject(op, "password is " + password.length + " bytes; bcrypt takes at most " + MAX_PASSWORD_BYTES);
        }
    }

    /** A JSON library role and a document: not empty, and not over OPS.md's size limit, so nothing huge crosses. */
    private void requireDocument(Op op, JsonLibrary library, byte[] json) {
        if (library == null) {
            throw reject(op, "JSON library is null");
        }
        requireBytes(op, "JSON document", json);
        if (json.length > JsonContract.MAX_DOCUMENT_BYTES) {
            throw reject(op, "document is " + json.length + " bytes, over the limit of " + JsonContract.MAX_DOCUMENT_BYTES);
        }
    }

    /** json_keep and http_keep hand out positive handles only, so no other value can name what they keep. */
    private void requireHandle(Op op, int handle) {
        if (handle <= 0) {
            throw reject(op, (op == Op.HTTP_RUN || op == Op.HTTP_RELEASE ? "no kept request " : "no kept records ") + handle + ": handles are positive");
        }
    }

    private void requireBytes(Op op, String what, byte[] value) {
        if (value == null || value.length == 0) {
            throw reject(op, what + " is " + (value == null ? "null" : "empty"));
        }
    }

    private void requireText(Op op, String what, String value) {
        if (value == null || value.isEmpty()) {
            throw reject(op, what + " is " + (value == null ? "null" : "empty"));
        }
    }

    private LaneException reject(Op op, String why) {
        return new LaneException(lane.name(), op, why);
    }
}
