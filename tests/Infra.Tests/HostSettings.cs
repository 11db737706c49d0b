using Backscatter.Domain.Persistence;
using Backscatter.Feed.Dns;
using Backscatter.Ingest.Alerts;
using Backscatter.Ingest.Smtp;
using Backscatter.ServiceDefaults;
using Backscatter.Web.Accounts;
using Backscatter.Web.Onboarding;
using Backscatter.Web.Tenancy;

namespace Backscatter.Infra.Tests;

/// <summary>
/// The settings each host reads and production must give it, named from the hosts' own options types,
/// as environment variables (section__key).
/// </summary>
public static class HostSettings
{
    public static string ConnectionString { get; } = $"ConnectionStrings__{DatabaseOptions.ConnectionStringName}";

    public static string SmtpPort { get; } = Key(SmtpOptions.SectionName, nameof(SmtpOptions.Port));

    public static string DnsPort { get; } = Key(DnsFeedOptions.SectionName, nameof(DnsFeedOptions.Port));

    public static string RabbitMqPort { get; } = Key(RabbitMqOptions.SectionName, nameof(RabbitMqOptions.Port));

    /// <summary>Every host talks to PostgreSQL and RabbitMQ (ServiceDefaults).</summary>
    private static readonly string[] Shared =
    [
        ConnectionString,
        Key(RabbitMqOptions.SectionName, nameof(RabbitMqOptions.Host)),
        RabbitMqPort,
        Key(RabbitMqOptions.SectionName, nameof(RabbitMqOptions.VirtualHost)),
        Key(RabbitMqOptions.SectionName, nameof(RabbitMqOptions.Username)),
        Key(RabbitMqOptions.SectionName, nameof(RabbitMqOptions.Password)),
    ];

    public static IReadOnlyDictionary<string, string[]> ByHost { get; } = new Dictionary<string, string[]>
    {
        // Onboarding's defaults are the test domain and 127.0.0.1; account mail refuses to start without
        // a pickup folder or a smarthost.
        ["web"] =
        [
            .. Shared,
            $"ConnectionStrings__{ReadReplica.ConnectionStringName}",
            Key(OnboardingOptions.SectionName, nameof(OnboardingOptions.IngestDomain)),
            Key(OnboardingOptions.SectionName, nameof(OnboardingOptions.IngestSmtpHost)),
            Key(OnboardingOptions.SectionName, nameof(OnboardingOptions.IngestSmtpPort)),
            Key(AccountMailOptions.SectionName, nameof(AccountMailOptions.From)),
            Key(AccountMailOptions.SectionName, nameof(AccountMailOptions.SmarthostHost)),
            Key(AccountMailOptions.SectionName, nameof(AccountMailOptions.SmarthostPassword)),
        ],
        // The SMTP listener's defaults are 127.0.0.1 and the test host name; incident links default to 127.0.0.1.
        ["ingest"] =
        [
            .. Shared,
            Key(SmtpOptions.SectionName, nameof(SmtpOptions.ListenAddress)),
            SmtpPort,
            Key(SmtpOptions.SectionName, nameof(SmtpOptions.HostName)),
            Key(AlertDeliveryOptions.SectionName, nameof(AlertDeliveryOptions.PortalUrl)),
        ],
        // The feed's defaults are the test zone, name server and hostmaster, and 127.0.0.1.
        ["feed"] =
        [
            .. Shared,
            Key(DnsFeedOptions.SectionName, nameof(DnsFeedOptions.ListenAddress)),
            DnsPort,
            Key(DnsFeedOptions.SectionName, nameof(DnsFeedOptions.Zone)),
            Key(DnsFeedOptions.SectionName, nameof(DnsFeedOptions.NameServers)) + "__0",
            Key(DnsFeedOptions.SectionName, nameof(DnsFeedOptions.Hostmaster)),
            Key(DnsFeedOptions.SectionName, nameof(DnsFeedOptions.LookupUrlTemplate)),
        ],
    };

    /// <summary>Settings that hold a secret: passwords, keys and connection strings.</summary>
    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
            || name.EndsWith("Password", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("_PASS", StringComparison.Ordinal)
            || name.EndsWith("Key", StringComparison.Ordinal)
            || name.Contains("Secret", StringComparison.OrdinalIgnoreCase);
    }

    private static string Key(string section, string property) => $"{section}__{property}";
}
