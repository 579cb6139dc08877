package dev.flowdeck.core.deadletter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dead-lettered message read into one model whatever framework wrote it: where it sits now, where it came from,
 * why it failed and when. What its headers held but could not be read (a partition that is not a number, an
 * {@code x-death} that is not a list) is said in {@code notes}, and the field stays empty.
 *
 * @param at         where the dead letter itself sits: the dead-letter topic or queue, partition and offset
 * @param origin     where it was before it failed; empty when no header says
 * @param failure    why it failed
 * @param times      when it failed
 * @param convention the convention its headers were read by
 * @param notes      what could not be read, in plain words
 */
public record DeadLetter(Coordinates at, Optional<Origin> origin, Failure failure, DeadLetterTimes times,
                         Convention convention, List<String> notes) {

    /**
     * A message's place in a broker, enough to read it again.
     *
     * @param destination topic or queue
     * @param partition   Kafka partition; 0 on RabbitMQ
     * @param offset      offset in the partition or stream; on a queue the browse's position, -1 where none
     */
    public record Coordinates(String destination, int partition, long offset) {
        public Coordinates {
            Objects.requireNonNull(destination, "destination");
        }
    }

    public DeadLetter {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(convention, "convention");
        notes = List.copyOf(notes);
    }
}
