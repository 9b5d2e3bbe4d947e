package org.vsekai.backpack.launcher.suite;

/** The suite could not be brought up; everything already started has been stopped again. */
public class SuiteStartException extends RuntimeException {

    public SuiteStartException(String message) {
        super(message);
    }

    public SuiteStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
