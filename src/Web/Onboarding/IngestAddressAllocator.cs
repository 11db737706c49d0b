using System.Security.Cryptography;

using Microsoft.Extensions.Options;

namespace Backscatter.Web.Onboarding;

/// <summary>
/// New ingest addresses: a random local part nobody can guess (16 characters of a 32-letter
/// alphabet, 80 bits), because the address alone decides whose mail it is.
/// </summary>
public sealed class IngestAddressAllocator(IOptions<OnboardingOptions> options)
{
    public const int LocalPartLength = 16;

    // No 0/o, 1/l: people read these addresses off screens into mail server consoles.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public string NewAddress() => $"{RandomNumberGenerator.GetString(Alphabet, LocalPartLength)}@{options.Value.IngestDomain}";
}
