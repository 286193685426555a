package io.firebreak.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * A record that cannot be serialized goes to the dead-letter topic with the source record's bytes.
 * A failure to send is retried when Kafka says it may pass (a broker away) and otherwise fails the task,
 * which Kafka Streams then restarts: a decision is never dropped because a broker was briefly away.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return exception instanceof RetriableException ? Response.retry() : Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return Response.resume(PoisonRecords.deadLetter("serialization", context, context.sourceRawValue(), exception));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic is the contract's
    }
}
