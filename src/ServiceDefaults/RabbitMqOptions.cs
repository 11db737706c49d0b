using System.ComponentModel.DataAnnotations;

namespace Backscatter.ServiceDefaults;

/// <summary>Where the RabbitMQ broker is (configuration section <c>RabbitMq</c>).</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>Put before every queue name; lets several hosts (tests) share a virtual host without taking each other's messages.</summary>
    public string? EndpointPrefix { get; set; }

    /// <summary>
    /// Put before every exchange (message type) name: hosts with different prefixes never see each
    /// other's events in one virtual host. Tests give each host, or each group of hosts that talk
    /// to each other, its own; otherwise a host shutting down in one test could fault another
    /// test's messages.
    /// </summary>
    public string? TopologyPrefix { get; set; }

    /// <summary>Queues that disappear with their host (tests): auto-delete, not durable.</summary>
    public bool TemporaryEndpoints { get; set; }
}
