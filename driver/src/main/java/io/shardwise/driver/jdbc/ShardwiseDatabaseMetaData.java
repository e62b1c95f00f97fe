package io.shardwise.driver.jdbc;

import io.shardwise.ShardwiseDriver;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The default node's database metadata, with the driver's own identity: name, version, URL (redacted) and the
 * logical connection. Everything else forwards to the default node (generated, see {@link GeneratedJdbc}).
 */
public abstract class ShardwiseDatabaseMetaData implements DatabaseMetaData {
    protected final DatabaseMetaData delegate;
    private final Connection owner;
    private final String url;

    protected ShardwiseDatabaseMetaData(DatabaseMetaData delegate, Connection owner, String url) {
        this.delegate = delegate;
        this.owner = owner;
        this.url = url;
    }

    @Override
    public Connection getConnection() {
        return owner;
    }

    @Override
    public String getURL() {
        return url;
    }

    @Override
    public String getDriverName() {
        return ShardwiseDriver.NAME;
    }

    @Override
    public String getDriverVersion() {
        return ShardwiseDriver.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return ShardwiseDriver.MAJOR_VERSION;
    }

    @Override
    public int getDriverMinorVersion() {
        return ShardwiseDriver.MINOR_VERSION;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
