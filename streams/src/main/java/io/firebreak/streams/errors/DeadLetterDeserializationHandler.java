package io.firebreak.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** An unreadable input record goes to the dead-letter topic; detection reads on (see {@link PoisonRecords}). */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return Response.resume(PoisonRecords.deadLetter("deserialization", context, record.value(), exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic is the contract's
    }
}
