using System.Net;

using Microsoft.Extensions.Options;

namespace Backscatter.Feed.Dns;

/// <summary>Fails the start of the host with every problem of the "DnsFeed" section at once.</summary>
public sealed class DnsFeedOptionsValidator : IValidateOptions<DnsFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckName(failures, nameof(options.Zone), options.Zone);
        CheckName(failures, nameof(options.Hostmaster), options.Hostmaster);
        if (options.NameServers is null || options.NameServers.Length > 8)
        {
            failures.Add($"DnsFeed:{nameof(options.NameServers)} takes at most 8 names.");
        }
        else
        {
            foreach (var server in options.EffectiveNameServers)
            {
                CheckName(failures, nameof(options.NameServers), server);
            }
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"DnsFeed:{nameof(options.ListenAddress)} '{options.ListenAddress}' is not an IP address.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"DnsFeed:{nameof(options.Port)} must be between 0 (any free port) and 65535.");
        }

        foreach (var (key, value) in new[]
        {
            (nameof(options.Ttl), options.Ttl), (nameof(options.ApexTtl), options.ApexTtl), (nameof(options.NegativeTtl), options.NegativeTtl),
            (nameof(options.SoaRefresh), options.SoaRefresh), (nameof(options.SoaRetry), options.SoaRetry), (nameof(options.SoaExpire), options.SoaExpire),
        })
        {
            if (value < 0)
            {
                failures.Add($"DnsFeed:{key} must not be negative.");
            }
        }

        var template = options.LookupUrlTemplate ?? string.Empty;
        if (!template.Contains("{ip}", StringComparison.Ordinal) || template.Length > 400 || !template.All(char.IsAscii) || template.Contains('$', StringComparison.Ordinal))
        {
            failures.Add($"DnsFeed:{nameof(options.LookupUrlTemplate)} must be an ASCII URL of at most 400 characters containing {{ip}} and no '$'.");
        }

        if (options.OperatorApiKey is { Length: > 0 and < 32 })
        {
            failures.Add($"DnsFeed:{nameof(options.OperatorApiKey)} must be at least 32 characters (or not set, to turn delisting over HTTP off).");
        }

        if (options.ZoneFile is { Length: > 0 } file && !File.Exists(file))
        {
            failures.Add($"DnsFeed:{nameof(options.ZoneFile)} '{file}' does not exist.");
        }

        if (options.UdpReceiveLoops is < 0 or > 64)
        {
            failures.Add($"DnsFeed:{nameof(options.UdpReceiveLoops)} must be between 0 (one per processor) and 64.");
        }

        if (options.UdpReceiveSlice != TimeSpan.Zero && (options.UdpReceiveSlice < TimeSpan.FromMicroseconds(100) || options.UdpReceiveSlice > TimeSpan.FromMilliseconds(100)))
        {
            failures.Add($"DnsFeed:{nameof(options.UdpReceiveSlice)} must be zero (the kernel's default) or between 100 µs and 100 ms.");
        }

        if (options.MaxUdpPayload is < 512 or > 4096)
        {
            failures.Add($"DnsFeed:{nameof(options.MaxUdpPayload)} must be between 512 and 4096.");
        }

        if (options.TcpIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"DnsFeed:{nameof(options.TcpIdleTimeout)} must be positive.");
        }

        if (options.MaxTcpConnections < 1)
        {
            failures.Add($"DnsFeed:{nameof(options.MaxTcpConnections)} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckName(List<string> failures, string key, string? value)
    {
        if (!DnsName.IsValid(value))
        {
            failures.Add($"DnsFeed:{key} '{value}' is not a DNS name (labels of 1 to 63 letters, digits, '-' or '_', at most 253 characters).");
        }
    }
}
