using System.Net;
using System.Net.Sockets;

namespace Backscatter.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ that <c>./test.sh</c> provisions (scripts/services.sh), read from the
/// same environment variables the hosts use, with the development defaults when they are not set.
/// </summary>
public static class LocalServices
{
    /// <summary>The schema owner's connection string: it creates and drops test databases and migrates them.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__BackscatterMigrations")
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__Backscatter")
        ?? "Host=127.0.0.1;Port=55432;Database=backscatter;Username=backscatter;Password=backscatter";

    public static string RabbitMqHost => Environment.GetEnvironmentVariable("RabbitMq__Host") ?? "127.0.0.1";

    public static int RabbitMqPort => int.TryParse(Environment.GetEnvironmentVariable("RabbitMq__Port"), out var port) ? port : 55672;

    /// <summary>Tests use their own virtual host, so that a running ./run.sh and the tests never share a queue.</summary>
    public static string RabbitMqVirtualHost => Environment.GetEnvironmentVariable("BACKSCATTER_TEST_MQ_VHOST") ?? "backscatter-test";

    public static string RabbitMqUsername => Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "backscatter";

    public static string RabbitMqPassword => Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "backscatter";

    /// <summary>
    /// Configuration keys and values that point a host at the local services. Each call gets its own
    /// queue-name prefix and temporary queues, so hosts of parallel tests never consume each other's
    /// messages, and its own exchanges unless <paramref name="busScope"/> names a scope shared with the
    /// other hosts of the same test (from <see cref="NewBusScope"/>).
    /// Given a test database's (owner's) <paramref name="connectionString"/>, the host connects as its own
    /// <paramref name="login"/> (the portal's unless named) and migrates at start as the owner.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings(string? connectionString = null, string? busScope = null, HostLogin? login = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:EndpointPrefix"] = "t" + Guid.NewGuid().ToString("N")[..8],
            ["RabbitMq:TopologyPrefix"] = busScope ?? NewBusScope(),
            ["RabbitMq:TemporaryEndpoints"] = "true",
            ["ConnectionStrings:Backscatter"] = connectionString ?? ConnectionString,
            ["RabbitMq:Host"] = RabbitMqHost,
            ["RabbitMq:Port"] = RabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:VirtualHost"] = RabbitMqVirtualHost,
            ["RabbitMq:Username"] = RabbitMqUsername,
            ["RabbitMq:Password"] = RabbitMqPassword,
        };

        // Without a test database no owner's connection string for migrations at all (empty = not set): the
        // one in appsettings.Development.json is the shared development database's, which a test must never migrate.
        settings["ConnectionStrings:BackscatterMigrations"] = "";
        if (connectionString is not null)
        {
            settings["ConnectionStrings:Backscatter"] = (login ?? HostLogin.Web).ConnectionString(connectionString);
            settings["ConnectionStrings:BackscatterMigrations"] = connectionString;
        }

        return settings;
    }

    /// <summary>An exchange-name prefix for hosts of one test that publish to each other.</summary>
    public static string NewBusScope() => "s" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A loopback TCP port where nothing listens (bound, read, released).</summary>
    public static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
