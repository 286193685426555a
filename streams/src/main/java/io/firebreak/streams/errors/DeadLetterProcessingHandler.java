package io.firebreak.streams.errors;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record a processor failed on goes to the dead-letter topic (its source bytes) and detection goes on;
 * a failure is one lost input, never a stopped room (see {@link PoisonRecords}).
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return Response.resume(PoisonRecords.deadLetter("processing", context, context.sourceRawValue(), exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic is the contract's
    }
}
