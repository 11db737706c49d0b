using System.Net;
using System.Text.Json;

using Backscatter.Domain.Contracts;

namespace Backscatter.Domain.Tests.Contracts;

/// <summary>MassTransit writes messages with System.Text.Json; addresses must survive the trip as text.</summary>
public class Serializing_contracts_with_addresses
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("81.2.69.160")]
    [InlineData("2a01:4f8:c17:1::25")]
    public void Should_carry_the_reflector_of_a_classified_report(string ip)
    {
        var message = new ReportClassified(Guid.CreateVersion7(), Guid.CreateVersion7(), "DeliveryStatusNotification", "Backscatter", IPAddress.Parse(ip), Now, Now);

        var json = JsonSerializer.Serialize(message);
        var back = JsonSerializer.Deserialize<ReportClassified>(json);

        Assert.Contains($"\"ReflectorIp\":\"{ip}\"", json, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Parse(ip), back!.ReflectorIp);
    }

    [Fact]
    public void Should_carry_a_report_without_a_reflector()
    {
        var message = new ReportClassified(Guid.CreateVersion7(), Guid.CreateVersion7(), "NotABounce", "Legitimate", null, Now, Now);

        var back = JsonSerializer.Deserialize<ReportClassified>(JsonSerializer.Serialize(message));

        Assert.Null(back!.ReflectorIp);
    }

    [Fact]
    public void Should_carry_every_report_of_a_classified_batch_with_its_reflector()
    {
        var message = new ReportsClassified([
            new ReportClassified(Guid.CreateVersion7(), Guid.CreateVersion7(), "DeliveryStatusNotification", "Backscatter", IPAddress.Parse("81.2.69.160"), Now, Now),
            new ReportClassified(Guid.CreateVersion7(), Guid.CreateVersion7(), "NotABounce", "Legitimate", null, Now, Now),
        ]);

        var back = JsonSerializer.Deserialize<ReportsClassified>(JsonSerializer.Serialize(message));

        Assert.Equal(message.Reports, back!.Reports);
    }

    [Fact]
    public void Should_carry_a_listing_change_whole()
    {
        var message = new ListingChanged(IPAddress.Parse("2a01:4f8:c17:1::25"), "Listed", true, [2, 5], 7, 3, Now, Now, Now.AddDays(28), Now);

        var back = JsonSerializer.Deserialize<ListingChanged>(JsonSerializer.Serialize(message));

        Assert.Equal(message.Ip, back!.Ip);
        Assert.Equal([2, 5], back.ReturnCodes);
        Assert.Equal((message.Change, message.IsListed, message.MessageCount, message.TenantCount, message.ExpiresAt), (back.Change, back.IsListed, back.MessageCount, back.TenantCount, back.ExpiresAt));
    }

    [Fact]
    public void Should_refuse_something_that_is_not_an_address()
    {
        var json = $"{{\"Ip\":\"not an address\",\"Change\":\"Listed\",\"IsListed\":true,\"ReturnCodes\":[2],\"MessageCount\":1,\"TenantCount\":1,\"ChangedAt\":\"{Now:O}\"}}";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ListingChanged>(json));
    }
}
