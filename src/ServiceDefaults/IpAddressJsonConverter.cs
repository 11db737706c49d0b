using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// Writes an <see cref="IPAddress"/> in messages as its text ("192.0.2.1"). System.Text.Json would
/// otherwise serialize its properties, and reading ScopeId of an IPv4 address throws, so every
/// message with an address (ReportClassified.ReflectorIp) failed to publish.
/// </summary>
public sealed class IpAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null
        : IPAddress.TryParse(reader.GetString(), out var address) ? address
        : throw new JsonException("Not an IP address.");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
