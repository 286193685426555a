package io.firebreak.dashboards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Writes batches to InfluxDB 1.x over its HTTP API with influxdb-java, synchronously: the client's
 * own asynchronous batching is never enabled, because it drops points when a write fails.
 */
final class InfluxWriter implements Writer {

    private final InfluxDB influx;
    private final String database;

    InfluxWriter(SinkConfig config) {
        this.database = config.database();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS);
        this.influx = config.authenticated()
                ? InfluxDBFactory.connect(config.influxUrl(), config.username(), config.password(), http)
                : InfluxDBFactory.connect(config.influxUrl(), http);
    }

    @Override
    public void write(BatchPoints batch) {
        influx.write(batch);
    }

    @Override
    public void writeStats(BatchPoints batch) {
        influx.write(batch);
    }

    @Override
    public void ensureDatabase(String database) {
        // CREATE DATABASE is idempotent in InfluxDB 1.x: it succeeds when the database exists
        execute("CREATE DATABASE \"" + database + "\"");
    }

    @Override
    public void execute(String influxQl) {
        QueryResult result = influx.query(new Query(influxQl));
        if (result.hasError()) {
            throw new IllegalStateException(influxQl + " failed: " + result.getError());
        }
        result.getResults().stream().filter(QueryResult.Result::hasError).findFirst().ifPresent(r -> {
            throw new IllegalStateException(influxQl + " failed: " + r.getError());
        });
    }

    @Override
    public List<Map<String, Object>> query(String influxQl) {
        QueryResult result = influx.query(new Query(influxQl, database), TimeUnit.MILLISECONDS);
        if (result.hasError()) {
            throw new IllegalStateException(influxQl + " failed: " + result.getError());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException(influxQl + " failed: " + r.getError());
            }
            for (QueryResult.Series series : r.getSeries() == null ? List.<QueryResult.Series>of() : r.getSeries()) {
                for (List<Object> values : series.getValues()) {
                    Map<String, Object> row = new HashMap<>(series.getTags() == null ? Map.of() : series.getTags());
                    for (int i = 0; i < series.getColumns().size(); i++) {
                        row.put(series.getColumns().get(i), values.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        influx.close();
    }
}
