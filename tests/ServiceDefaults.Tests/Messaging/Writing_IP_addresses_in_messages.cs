using System.Net;
using System.Text.Json;

using Backscatter.Domain.Contracts;

namespace Backscatter.ServiceDefaults.Tests.Messaging;

public class Writing_IP_addresses_in_messages
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new IPAddressJsonConverter() } };

    [Theory]
    [InlineData("81.2.69.160")]
    [InlineData("2001:db8::25")]
    public void Should_write_the_address_as_text_and_read_it_back(string address)
    {
        var sent = new ReportClassified(Guid.CreateVersion7(), Guid.CreateVersion7(), "DeliveryStatusNotification", "Backscatter",
            IPAddress.Parse(address), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        var json = JsonSerializer.Serialize(sent, Options);
        var received = JsonSerializer.Deserialize<ReportClassified>(json, Options);

        Assert.Contains($"\"ReflectorIp\":\"{address}\"", json, StringComparison.Ordinal);
        Assert.Equal(sent, received);
    }

    [Fact]
    public void Should_carry_a_missing_address_as_null()
    {
        var sent = new ReportClassified(Guid.CreateVersion7(), Guid.CreateVersion7(), "NotABounce", "Undetermined", null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        Assert.Equal(sent, JsonSerializer.Deserialize<ReportClassified>(JsonSerializer.Serialize(sent, Options), Options));
    }

    [Fact]
    public void Should_refuse_what_is_not_an_address()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IPAddress>("\"not an address\"", Options));
    }
}
