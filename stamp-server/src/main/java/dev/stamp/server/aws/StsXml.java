package dev.stamp.server.aws;

/** The two STS query-protocol documents Stamp answers: GetCallerIdentity's result and an ErrorResponse. */
final class StsXml {
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXml() {}

    /** The caller as an IAM user named after its access key, in the configured account. */
    static String callerIdentity(String accessKeyId, String account, String requestId) {
        return "<GetCallerIdentityResponse xmlns=\"" + NS + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>arn:aws:iam::" + account + ":user/" + escape(accessKeyId) + "</Arn>\n"
                + "    <UserId>" + escape(accessKeyId) + "</UserId>\n"
                + "    <Account>" + account + "</Account>\n"
                + "  </GetCallerIdentityResult>\n"
                + "  <ResponseMetadata>\n    <RequestId>" + escape(requestId) + "</RequestId>\n  </ResponseMetadata>\n"
                + "</GetCallerIdentityResponse>\n";
    }

    static String error(String code, String message, String requestId) {
        return "<ErrorResponse xmlns=\"" + NS + "\">\n"
                + "  <Error>\n    <Type>Sender</Type>\n    <Code>" + escape(code) + "</Code>\n    <Message>" + escape(message) + "</Message>\n  </Error>\n"
                + "  <RequestId>" + escape(requestId) + "</RequestId>\n"
                + "</ErrorResponse>\n";
    }

    private static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
