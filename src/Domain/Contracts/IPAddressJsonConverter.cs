using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backscatter.Domain.Contracts;

/// <summary>
/// Writes an address as its text ("192.0.2.1", "2001:db8::1"). System.Text.Json cannot write
/// <see cref="IPAddress"/> by itself (its properties throw for one family or the other), so every
/// contract property of that type carries this converter.
/// </summary>
public sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
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
