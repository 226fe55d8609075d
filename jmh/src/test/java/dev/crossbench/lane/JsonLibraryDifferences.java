package dev.crossbench.lane;

import java.util.HashSet;
import java.util.Set;

/**
 * The documented library differences on the digest ops (OPS.md):
 * documents the contract accepts that a lane/library must refuse because its
 * library cannot read them, told from the document's bytes, for the fuzz
 * test (JsonContractTest pins each with a row). Over-approximate on purpose:
 * a listed pair MAY refuse such a document; every other pair must agree.
 */
public final class JsonLibraryDifferences {
    private JsonLibraryDifferences() {}

    /** The lane/library ids ({@code java/fast}) that may refuse this document on the digest ops. */
    public static Set<String> mayRefuse(byte[] doc) {
        Set<String> refusing = new HashSet<>();
        if (hasFourByteCharacter(doc)) {
            // fastjson2 2.0.57 fails on a character outside the BMP in a member name ("malformed input").
            refusing.add("java/fast");
        }
        if (hasDigitRun(doc, 30)) {
            // fastjson2 misreads some literals of 36 or more digits with an exponent; its digest ops refuse them.
            refusing.add("java/fast");
        }
        if (hasLongExponent(doc)) {
            // fastjson2 refuses an exponent of 2048 or more ("too large exp value"), even where the value is 0 or 1e-5000.
            refusing.add("java/fast");
        }
        return refusing;
    }

    private static boolean hasFourByteCharacter(byte[] doc) {
        for (byte b : doc) {
            int c = b & 0xff;
            if (c >= 0xf0 && c <= 0xf4) {
                return true;
            }
        }
        return false;
    }

    /** An e or E, perhaps a sign, then 4 or more digits: over-approximates "an exponent of 2048 or more". */
    private static boolean hasLongExponent(byte[] doc) {
        for (int i = 0; i < doc.length; i++) {
            if (doc[i] == 'e' || doc[i] == 'E') {
                int j = i + 1;
                if (j < doc.length && (doc[j] == '-' || doc[j] == '+')) {
                    j++;
                }
                int digits = 0;
                while (j < doc.length && doc[j] >= '0' && doc[j] <= '9') {
                    digits++;
                    j++;
                }
                if (digits >= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasDigitRun(byte[] doc, int length) {
        int run = 0;
        for (byte b : doc) {
            run = b >= '0' && b <= '9' ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }
}
