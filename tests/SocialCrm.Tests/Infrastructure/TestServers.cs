using System.Net.Sockets;
using Npgsql;

namespace SocialCrm.Tests.Infrastructure;

/// <summary>
/// Where the real servers are. Absent servers make their tests skip with the reason, unless
/// SOCIALCRM_REQUIRE_SERVERS=1 (CI), which turns absence into a failure.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("SOCIALCRM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=socialcrm;Password=socialcrm;Database=postgres";

    public static string RabbitMqUri => Environment.GetEnvironmentVariable("SOCIALCRM_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    private static bool Required => Environment.GetEnvironmentVariable("SOCIALCRM_REQUIRE_SERVERS") == "1";

    /// <summary>A fresh database on the PostgreSQL server, dropped by the returned handle.</summary>
    public static async Task<PostgresDatabase> CreatePostgresDatabaseAsync()
    {
        try
        {
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            var name = $"socialcrm_test_{Guid.NewGuid():N}"[..30];
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin)) await create.ExecuteNonQueryAsync();
            return new PostgresDatabase(new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Pooling = true }.ConnectionString, name);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            Unavailable($"PostgreSQL is not reachable ({PostgresAdmin.Split(';')[0]}; set SOCIALCRM_TEST_POSTGRES): {e.Message}");
            throw;
        }
    }

    public static void RequireRabbitMq()
    {
        var uri = new Uri(RabbitMqUri);
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(uri.Host, uri.Port == -1 ? 5672 : uri.Port).Wait(TimeSpan.FromSeconds(2)))
                throw new TimeoutException("no answer in 2 s");
        }
        catch (Exception e) when (e is SocketException or TimeoutException or AggregateException)
        {
            Unavailable($"RabbitMQ is not reachable at {uri.Host}:{uri.Port} (set SOCIALCRM_TEST_RABBITMQ): {e.GetBaseException().Message}");
        }
    }

    /// <summary>
    /// The 3-node RabbitMQ cluster of deploy/cluster.sh on this machine (Debian's rabbitmq-server, run as root). The
    /// single broker of the other tests is not enough for it, so a machine without the package or root skips it.
    /// </summary>
    public static async Task StartRabbitMqClusterAsync(string script)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/sbin/rabbitmq-server"))
            Unavailable("the RabbitMQ cluster tests start three RabbitMQ nodes with deploy/cluster.sh, which needs Linux, root and Debian's rabbitmq-server (deploy/servers.sh install)");
        var (code, output) = await RunAsync($"bash {script} rabbitmq");
        if (code != 0) Unavailable($"deploy/cluster.sh rabbitmq failed ({code}): {output}");
    }

    public static async Task<(int Code, string Output)> RunAsync(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static void Unavailable(string reason)
    {
        if (Required) Assert.Fail($"{reason} — SOCIALCRM_REQUIRE_SERVERS=1 says it must be there");
        Assert.Ignore(reason);
    }
}

public sealed class PostgresDatabase(string connectionString, string name) : IAsyncDisposable
{
    public string ConnectionString => connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        // FORCE cannot end an autovacuum worker that just started on the database unless the role has pg_signal_backend
        // (deploy/servers.sh grants it); elsewhere the worker is gone a moment later.
        for (var attempt = 1; ; attempt++)
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                await Task.Delay(200 * attempt);
            }
    }
}
