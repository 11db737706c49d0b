using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// IP addresses in messages as their text form. System.Text.Json would otherwise walk IPAddress's
/// properties and throw on <see cref="IPAddress.ScopeId"/> of an IPv4 address.
/// </summary>
public sealed class IpAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null
        : IPAddress.TryParse(reader.GetString(), out var ip) ? ip
        : throw new JsonException($"Not an IP address: {reader.GetString()}");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
