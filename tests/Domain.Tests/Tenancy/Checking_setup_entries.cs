using Backscatter.Domain.Tenancy;

namespace Backscatter.Domain.Tests.Tenancy;

/// <summary>What the Setup page accepts into each list, in which form it stores it, and what it refuses.</summary>
public sealed class Checking_setup_entries
{
    [Theory]
    [InlineData("mx1.example.com", "mx1.example.com")]
    [InlineData("  MX1.Example.COM. ", "mx1.example.com")]
    [InlineData("*.Out.Example.com", "*.out.example.com")]
    [InlineData("localhost", "localhost")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("192.0.2.10/32", "192.0.2.10")]
    [InlineData("192.0.2.0/24", "192.0.2.0/24")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("2001:db8:0:0::1", "2001:db8::1")]
    public void Should_accept_host_names_wildcards_addresses_and_networks(string input, string stored)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.OutboundRelays, input, []);

        Assert.Null(check.Error);
        Assert.Equal(stored, check.Value);
    }

    [Theory]
    [InlineData("", "Enter a host name")]
    [InlineData("mx1 .example.com", "neither a host name")]
    [InlineData("-mx.example.com", "neither a host name")]
    [InlineData("mx..example.com", "neither a host name")]
    [InlineData("*.com", "neither a host name")]
    [InlineData("mx.*.example.com", "neither a host name")]
    [InlineData("smtp://mx.example.com", "neither a host name")]
    [InlineData("192.0.2.300", "not an IP address")]
    [InlineData("192.0.2.1/24", "did you mean 192.0.2.0/24?")]
    [InlineData("2001:db8::1/32", "did you mean 2001:db8::/32?")]
    [InlineData("192.0.2.0/33", "not an IP address")]
    [InlineData("fe80::1%eth0", "not an IP address")]
    public void Should_refuse_what_is_no_host_or_network_and_say_why(string input, string reason)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.TrustedInboundHosts, input, []);

        Assert.Null(check.Value);
        Assert.Contains(reason, check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mx1.example.com")]
    [InlineData("10")]
    [InlineData("*.example.com")]
    public void Should_take_only_addresses_and_networks_as_authorised_sending_ips(string input)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.AuthorisedSendingIps, input, []);

        Assert.Contains("is not an IP address or network", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*@Example.com", "*@example.com")]
    [InlineData("News@example.com", "news@example.com")]
    [InlineData("bounces+*@lists.example.com", "bounces+*@lists.example.com")]
    [InlineData("*@*.example.com", "*@*.example.com")]
    public void Should_accept_sender_patterns_in_lower_case(string input, string stored)
    {
        Assert.Equal(stored, MailSettingEntries.CheckNew(MailSettingList.SenderPatterns, input, []).Value);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("@example.com")]
    [InlineData("news@")]
    [InlineData("news letter@example.com")]
    [InlineData("news@example")]
    [InlineData("<news@example.com>")]
    public void Should_refuse_what_is_no_sender_pattern(string input)
    {
        Assert.Contains("is not a sender pattern", MailSettingEntries.CheckNew(MailSettingList.SenderPatterns, input, []).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bounces+*@lists.example.com", "bounces+*@lists.example.com")]
    [InlineData("  Bounces+*@Lists.Example.COM. ", "bounces+*@lists.example.com")]
    [InlineData("*-return@example.com", "*-return@example.com")]
    [InlineData("srs0=*@bücher.example", "srs0=*@xn--bcher-kva.example")]
    public void Should_accept_verp_patterns_in_lower_case(string input, string stored)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.VerpPatterns, input, []);

        Assert.Null(check.Error);
        Assert.Equal(stored, check.Value);
    }

    [Theory]
    [InlineData("", "Enter a return-path pattern")]
    [InlineData("lists.example.com", "is not a VERP pattern")]
    [InlineData("bounces+*@", "is not a VERP pattern")]
    [InlineData("@lists.example.com", "is not a VERP pattern")]
    [InlineData("bounces+*@lists@example.com", "is not a VERP pattern")]
    [InlineData("bounces+*@*.example.com", "is not a VERP pattern")]
    [InlineData("bounces+*@localhost", "is not a VERP pattern")]
    [InlineData("bounces +*@lists.example.com", "is not a VERP pattern")]
    [InlineData("<bounces+*@lists.example.com>", "is not a VERP pattern")]
    [InlineData("bounces@lists.example.com", "has no *")]
    [InlineData("*@example.com", "matches every address of its domain, backscatter included; write the fixed part of your return path too, such as bounces+*@example.com.")]
    [InlineData("**@example.com", "matches every address of its domain")]
    public void Should_refuse_what_is_no_verp_pattern_and_say_why(string input, string reason)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.VerpPatterns, input, []);

        Assert.Null(check.Value);
        Assert.Contains(reason, check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s2026", "s2026")]
    [InlineData(" Selector1 ", "selector1")]
    [InlineData("k1.EU", "k1.eu")]
    [InlineData("2024-01", "2024-01")]
    [InlineData("google", "google")]
    public void Should_accept_dkim_selectors_in_lower_case(string input, string stored)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.DkimSelectors, input, []);

        Assert.Null(check.Error);
        Assert.Equal(stored, check.Value);
    }

    [Theory]
    [InlineData("", "Enter a selector")]
    [InlineData("s1._domainkey.example.com", "Enter only the selector, the part before ._domainkey: s1.")]
    [InlineData("s=s1", "is not a DKIM selector")]
    [InlineData("-s1", "is not a DKIM selector")]
    [InlineData("s1-", "is not a DKIM selector")]
    [InlineData("k1..eu", "is not a DKIM selector")]
    [InlineData("k1.", "is not a DKIM selector")]
    [InlineData("s_1", "is not a DKIM selector")]
    [InlineData("s 1", "is not a DKIM selector")]
    [InlineData("sélecteur", "is not a DKIM selector")]
    public void Should_refuse_what_is_no_dkim_selector_and_say_why(string input, string reason)
    {
        var check = MailSettingEntries.CheckNew(MailSettingList.DkimSelectors, input, []);

        Assert.Null(check.Value);
        Assert.Contains(reason, check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_overlong_dkim_selector_labels_and_names()
    {
        var longLabel = new string('a', 64);
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 63), 4));

        Assert.Contains("is not a DKIM selector", MailSettingEntries.CheckNew(MailSettingList.DkimSelectors, longLabel, []).Error, StringComparison.Ordinal);
        Assert.Equal(new string('a', 63), MailSettingEntries.CheckNew(MailSettingList.DkimSelectors, longLabel[1..], []).Value);
        Assert.Contains("at most 253 characters", MailSettingEntries.CheckNew(MailSettingList.DkimSelectors, longName, []).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MailSettingList.OutboundRelays, "SMTP.example.com", "smtp.example.com")]
    [InlineData(MailSettingList.VerpPatterns, "Bounces+*@Lists.example.com", "bounces+*@lists.example.com")]
    [InlineData(MailSettingList.DkimSelectors, "S2026", "s2026")]
    public void Should_refuse_an_entry_the_list_already_holds_in_any_case(MailSettingList list, string input, string held)
    {
        var check = MailSettingEntries.CheckNew(list, input, [held]);

        Assert.Equal($"{held} is already in the list.", check.Error);
    }

    [Fact]
    public void Should_refuse_entries_beyond_the_limit_and_overlong_ones()
    {
        var full = Enumerable.Range(0, MailSettingEntries.MaxEntries).Select(i => $"10.0.{i}.0/24").ToArray();
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));

        Assert.Contains("at most 100 entries", MailSettingEntries.CheckNew(MailSettingList.AuthorisedSendingIps, "192.0.2.0/24", full).Error, StringComparison.Ordinal);
        Assert.Contains("at most 253 characters", MailSettingEntries.CheckNew(MailSettingList.OutboundRelays, longName, []).Error, StringComparison.Ordinal);
        Assert.Contains("at most 254 characters", MailSettingEntries.CheckNew(MailSettingList.SenderPatterns, new string('a', 250) + "@example.com", []).Error, StringComparison.Ordinal);
        Assert.Contains("at most 254 characters", MailSettingEntries.CheckNew(MailSettingList.VerpPatterns, "b+*" + new string('a', 250) + "@example.com", []).Error, StringComparison.Ordinal);
        Assert.Contains("at most 100 entries", MailSettingEntries.CheckNew(MailSettingList.DkimSelectors, "s1", [.. Enumerable.Range(0, MailSettingEntries.MaxEntries).Select(i => $"k{i}")]).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Example.COM.", "example.com")]
    [InlineData("mail.example.co.uk", "mail.example.co.uk")]
    public void Should_accept_domain_names_in_lower_case(string input, string stored)
    {
        Assert.Equal(stored, MailSettingEntries.Domain(input).Value);
    }

    [Theory]
    [InlineData("example")]
    [InlineData("*.example.com")]
    [InlineData("user@example.com")]
    [InlineData("https://example.com")]
    [InlineData("192.0.2.1")]
    [InlineData("exa_mple.com")]
    public void Should_refuse_what_is_no_domain_name(string input)
    {
        Assert.Contains("is not a domain name", MailSettingEntries.Domain(input).Error, StringComparison.Ordinal);
    }
}
