package dev.crossbench.lane;

/**
 * The one exception a lane throws: which lane, which op, and the cause in the
 * runtime's own words (a Go error or recovered panic, a Python exception's type
 * and message, a Java library's exception). The message's first line reads
 * {@code <lane> <op>: <cause>}; {@link #detail()} keeps everything the runtime
 * said, such as a Python traceback.
 */
public final class LaneException extends RuntimeException {
    private final String lane;
    private final Op op;
    private final String detail;

    public LaneException(String lane, Op op, String cause) {
        this(lane, op, cause, null);
    }

    public LaneException(String lane, Op op, String cause, Throwable javaCause) {
        super(lane + " " + op + ": " + firstLine(cause), javaCause);
        this.lane = lane;
        this.op = op;
        this.detail = cause;
    }

    /** A Java library's exception, described as {@code SimpleName: message}. */
    public static LaneException of(String lane, Op op, Exception cause) {
        return new LaneException(lane, op, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    public String lane() {
        return lane;
    }

    public Op op() {
        return op;
    }

    /** Everything the runtime said about the failure, possibly several lines. */
    public String detail() {
        return detail;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
