using System.Text.RegularExpressions;

using Backscatter.Web.Tests.Isolation;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Reports;

/// <summary>
/// A complete recipient address or Message-ID is looked up exactly (case-insensitive for the
/// address, with or without angle brackets for the Message-ID); any other text is a substring search.
/// </summary>
public sealed partial class Searching_for_a_complete_address(TwoTenants tenants) : IClassFixture<TwoTenants>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = tenants.Database.CreateContext();
        if (await db.Reports.AnyAsync(r => r.OriginalSubject == "Exact 1"))
        {
            return;
        }

        var alpha = tenants.Alpha.TenantId;
        var bravo = tenants.Bravo.TenantId;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, status, duplicate_count, kind, judgement, reason, bounced_to, original_subject, original_message_id)
            VALUES
              (gen_random_uuid(), {alpha}, '192.0.2.1', 'mx.example.net', '', ARRAY['a@in.backscatter.test'], now(), 1000, decode(md5('e1') || md5('e1'), 'hex'), 'Classified', 0,
               'DeliveryStatusNotification', 'Backscatter', 'userunknown', 'bob@shop.example', 'Exact 1', 'm-1.bob@mail.shop.example'),
              (gen_random_uuid(), {alpha}, '192.0.2.1', 'mx.example.net', '', ARRAY['a@in.backscatter.test'], now(), 1000, decode(md5('e2') || md5('e2'), 'hex'), 'Classified', 0,
               'DeliveryStatusNotification', 'Backscatter', 'userunknown', 'jbob@shop.example', 'Exact 2', 'M-2.Bob@mail.shop.example'),
              (gen_random_uuid(), {bravo}, '192.0.2.1', 'mx.example.net', '', ARRAY['b@in.backscatter.test'], now(), 1000, decode(md5('e3') || md5('e3'), 'hex'), 'Classified', 0,
               'DeliveryStatusNotification', 'Backscatter', 'userunknown', 'bob@shop.example', 'Exact 3', 'm-3.bob@mail.shop.example')
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("bob@shop.example", "Exact 1")]
    [InlineData("BOB@Shop.Example", "Exact 1")]
    [InlineData("<bob@shop.example>", "Exact 1")]
    [InlineData("M-2.Bob@mail.shop.example", "Exact 2")]
    [InlineData("<M-2.Bob@mail.shop.example>", "Exact 2")]
    public async Task Should_find_only_that_recipient_or_message_of_the_tenant(string search, string subject)
    {
        var found = await SubjectsFoundAsync(search);

        Assert.Equal([subject], found);
    }

    [Fact]
    public async Task Should_find_every_report_containing_text_that_is_not_a_complete_address()
    {
        var found = await SubjectsFoundAsync("bob@shop");

        Assert.Equal(["Exact 1", "Exact 2"], found.Order(StringComparer.Ordinal));
    }

    private async Task<List<string>> SubjectsFoundAsync(string search)
    {
        using var client = await tenants.LogInAsync(tenants.Alpha);
        var page = await client.GetStringAsync(new Uri($"reports?q={Uri.EscapeDataString(search)}", UriKind.Relative));
        return [.. Subject().Matches(page).Select(m => m.Value).Distinct()];
    }

    [GeneratedRegex(@"Exact \d")]
    private static partial Regex Subject();
}
