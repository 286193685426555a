package io.firebreak.telemetry.auth;

/** What {@link RequestGuard} makes of a request: admitted as an operator, or refused with a status and reason. */
public sealed interface Verdict permits Verdict.Admitted, Verdict.Refused {

    /**
     * The request comes from {@code operator}, proven by {@code credential}.
     *
     * @param credential {@code token} or {@code certificate}
     */
    record Admitted(Operator operator, String credential) implements Verdict {
        public Admitted {
            if (operator == null) {
                throw new IllegalArgumentException("operator: is required");
            }
        }
    }

    /**
     * The request is refused: answer {@code status}; audit {@code reason} and who it claimed to be.
     *
     * @param status  401 (no or wrong credential), 403 (host, origin or role), 415 (not JSON)
     * @param reason  a fixed word for logs and the audit, e.g. {@code wrong_token}; never a credential
     * @param claimed the operator the credential names, if it names one; null when unknown
     */
    record Refused(int status, String reason, String claimed) implements Verdict {
        public Refused {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("status: must be a 4xx, was " + status);
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason: is required");
            }
        }

        /** This refusal with {@code who} as the claimed identity when the credential named nobody. */
        public Refused claiming(String who) {
            return claimed != null || who == null || who.isBlank() ? this : new Refused(status, reason, who);
        }
    }
}
