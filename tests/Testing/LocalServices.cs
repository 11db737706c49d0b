using System.Net;
using System.Net.Sockets;

namespace Backscatter.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ that <c>./test.sh</c> provisions (scripts/services.sh), read from the
/// same environment variables the hosts use, with the development defaults when they are not set.
/// </summary>
public static class LocalServices
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Backscatter")
        ?? "Host=127.0.0.1;Port=55432;Database=backscatter;Username=backscatter;Password=backscatter";

    public static string RabbitMqHost => Environment.GetEnvironmentVariable("RabbitMq__Host") ?? "127.0.0.1";

    public static int RabbitMqPort => int.TryParse(Environment.GetEnvironmentVariable("RabbitMq__Port"), out var port) ? port : 55672;

    public static string RabbitMqVirtualHost => Environment.GetEnvironmentVariable("RabbitMq__VirtualHost") ?? "backscatter";

    public static string RabbitMqUsername => Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "backscatter";

    public static string RabbitMqPassword => Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "backscatter";

    /// <summary>Configuration keys and values that point a host at the local services.</summary>
    public static IReadOnlyDictionary<string, string> Settings(string? connectionString = null) => new Dictionary<string, string>
    {
        ["ConnectionStrings:Backscatter"] = connectionString ?? ConnectionString,
        ["RabbitMq:Host"] = RabbitMqHost,
        ["RabbitMq:Port"] = RabbitMqPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RabbitMq:VirtualHost"] = RabbitMqVirtualHost,
        ["RabbitMq:Username"] = RabbitMqUsername,
        ["RabbitMq:Password"] = RabbitMqPassword,
    };

    /// <summary>A loopback TCP port where nothing listens (bound, read, released).</summary>
    public static int UnusedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
