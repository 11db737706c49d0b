using System.Net;

using Microsoft.Extensions.Options;

namespace Backscatter.Web.Setup;

/// <summary>Every configured name server is an IP address, with a port or not: the look-up never resolves a resolver's name.</summary>
public sealed class DirectMxOptionsValidator : IValidateOptions<DirectMxOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectMxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wrong = options.NameServers.Where(s => !IPEndPoint.TryParse(s, out _)).ToList();
        return wrong.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"DirectMx:NameServers must be IP addresses, optionally with :port ([::1]:53 for IPv6); not {string.Join(", ", wrong)}.");
    }
}
