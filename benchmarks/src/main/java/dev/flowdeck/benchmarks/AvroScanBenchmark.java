package dev.flowdeck.benchmarks;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.schemas.SchemaDecoder;
import dev.flowdeck.schemas.SchemaSettings;
import dev.flowdeck.views.browser.BrowserViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How fast a scan reads Avro values, against the bare consumer reading the same records (the figure: at
 * least 0.7 of the raw rate, schemas cached). The order events are written as Avro in the registry's wire format to
 * a topic of their own; then in alternating rounds: (a) the bare consumer, (b) Flowdeck's browse without a decoder
 * (the bytes as they are), (c) the browse reading every value through the registry's schema as the browser does:
 * each value checked against the schema on the filter pool, and the JSON taken of the first
 * {@link BrowserViewModel#ROW_CAP} delivered (the rows a browser keeps), the rest only counted; (d) the same with
 * every value's JSON taken, asked of the browse as an export asks (its JSON made on the filter pool: the full
 * decoding); (e) the browse with a JSONPath
 * predicate finding 1%, which reads only the path's field of each value, and the JSON of its matches taken. Each
 * decoding round's connection is new, so its first record fetches the schema once (what a real scan does); the rest
 * come from the cache.
 */
final class AvroScanBenchmark implements Benchmark {

    static final String RAW = "bare KafkaConsumer";

    @Override
    public String id() {
        return "avro-scan";
    }

    @Override
    public AvroScanResult run(BenchmarkContext context) throws Exception {
        var options = context.options();
        String servers = context.bootstrapServers();
        long records = options.records();
        int partitions = 6;
        String topic = "orders.avro-" + records;
        var worker = Executors.newFixedThreadPool(2);
        try (var registry = new OrderEventsAvro()) {
            var profile = registry.profile(servers);
            SchemaDecoder writer = new SchemaDecoder(SchemaSettings.of(profile));
            Map<Integer, Long> sizes = produce(servers, topic, partitions, records, writer);
            long bytes = 0;
            for (long i = 0; i < Math.min(records, 10_000); i++) {
                bytes += OrderEventsAvro.value(writer, i).length;
            }
            double averageBytes = bytes / (double) Math.min(records, 10_000);
            var orderTopic = new OrderTopic(topic, records, sizes, "", 0, 0, averageBytes, 0);
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            Duration timeout = Duration.ofMinutes(10);
            var everything = BrowseRequest.fromBeginning(topic);
            var json = MessageFilter.Json.of(OrderEvents.JSON_PATH);
            var plain = context.connection();
            long keptRows = BrowserViewModel.ROW_CAP;
            record Variant(String reader, String filter, long expected, AlternatingRounds.Reader read) {
            }
            List<Variant> variants = List.of(
                    new Variant(RAW, "none", records, new AlternatingRounds.Reader(RAW,
                            () -> RawConsumerScan.run(servers, all))),
                    new Variant("Flowdeck browse, bytes as they are", "none", records,
                            new AlternatingRounds.Reader("undecoded",
                                    () -> FlowdeckScan.run(plain, everything, timeout))),
                    new Variant("Flowdeck browse, Avro checked, JSON of the first " + String.format("%,d", keptRows)
                            + " (the browser's rows)", "none", records,
                            new AlternatingRounds.Reader("avro", () -> decoding(profile, worker,
                                    conn -> FlowdeckScan.run(conn, everything, timeout, keptRows)))),
                    new Variant("Flowdeck browse, Avro read into JSON, every value's JSON taken (an export)", "none",
                            records, new AlternatingRounds.Reader("avro every json", () -> decoding(profile, worker,
                                    conn -> FlowdeckScan.run(conn, everything.readingEveryValue(), timeout,
                                            Long.MAX_VALUE)))),
                    new Variant("Flowdeck browse, Avro checked, the path's field read, JSON of the matches",
                            "JSONPath `" + OrderEvents.JSON_PATH + "`", OrderEvents.bigAmong(records),
                            new AlternatingRounds.Reader("avro jsonpath", () -> decoding(profile, worker,
                                    conn -> FlowdeckScan.run(conn, everything.filteredBy(json), timeout,
                                            keptRows)))));
            Map<String, List<ScanRun>> runs = AlternatingRounds.run(variants.stream().map(Variant::read).toList(),
                    options.warmups(), options.rounds());

            List<Double> rawRates = runs.get(RAW).stream().map(ScanRun::perSecond).toList();
            double rawMedian = AlternatingRounds.median(rawRates);
            double rawCpu = AlternatingRounds.median(runs.get(RAW).stream().map(ScanRun::cpuMicrosPerRecord)
                    .toList());
            List<ScanRateResult.Row> rows = new ArrayList<>();
            for (Variant variant : variants) {
                List<ScanRun> measured = runs.get(variant.read().name());
                for (ScanRun run : measured) {
                    if (run.scanned() != records || run.matched() != variant.expected()) {
                        throw new IllegalStateException(variant.read().name() + " scanned " + run.scanned()
                                + " and matched " + run.matched() + "; expected " + records + " and "
                                + variant.expected());
                    }
                }
                List<Double> rates = measured.stream().map(ScanRun::perSecond).toList();
                List<Double> ratios = AlternatingRounds.ratios(rates, rawRates);
                double cpu = AlternatingRounds.median(measured.stream().map(ScanRun::cpuMicrosPerRecord).toList());
                double median = AlternatingRounds.median(rates);
                rows.add(new ScanRateResult.Row(variant.reader(), variant.filter(), records, variant.expected(),
                        median, median / rawMedian,
                        ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), rates, cpu,
                        rawCpu / cpu, median / rawMedian, rawCpu / cpu));
            }
            return new AvroScanResult(new ScanRateResult(orderTopic, "none", options.warmups(), options.rounds(),
                    rows));
        } finally {
            worker.shutdownNow();
        }
    }

    /** A round on a connection of its own, as a new browser tab on a profile with a registry: schemas fetched anew. */
    private static ScanRun decoding(dev.flowdeck.core.broker.ConnectionProfile profile,
                                    java.util.concurrent.Executor worker,
                                    java.util.function.Function<KafkaBrokerConnection, ScanRun> scan) {
        try (var connection = KafkaBrokerConnection.open(profile, worker)
                .decodingValuesWith(SchemaDecoder.forProfile(profile))) {
            return scan.apply(connection);
        }
    }

    private static Map<Integer, Long> produce(String servers, String topic, int partitions, long records,
                                              SchemaDecoder writer) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
            NewTopics.awaitLeaders(admin, Set.of(topic));
        }
        Map<Integer, Long> sizes = new HashMap<>();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024))) {
            for (long i = 0; i < records; i++) {
                int partition = (int) (i % partitions);
                producer.send(new ProducerRecord<>(topic, partition, OrderEvents.timestamp(i), OrderEvents.key(i),
                        OrderEventsAvro.value(writer, i)));
                sizes.merge(partition, 1L, Long::sum);
            }
            producer.flush();
        }
        return sizes;
    }

    /** The scan-rate table, under a heading of its own. */
    record AvroScanResult(ScanRateResult rates) implements BenchmarkResult {
        @Override
        public String markdown() {
            return rates.markdown().replaceFirst("### 1\\. Scan rate", "### 9. Avro scan (schema registry wire format)")
                    .replaceFirst("values of", "Avro values in the registry's wire format of");
        }
    }
}
