using System.Net;

using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Tests.Mail;

/// <summary>Received headers as real MTAs write them, parsed into hops.</summary>
public sealed class Parsing_received_headers
{
    [Fact]
    public void Reads_a_postfix_hop()
    {
        var hop = ReceivedHeaderParser.Parse(
            "from mail-wr1-f41.google.com (mail-wr1-f41.google.com [209.85.221.41])\n\tby mx.customer.example (Postfix) with ESMTPS id 4Vx1\n\tfor <sales@customer.example>; Tue, 12 Mar 2024 09:14:03 +0100 (CET)");

        Assert.Equal("mail-wr1-f41.google.com", hop.FromName);
        Assert.Equal(IPAddress.Parse("209.85.221.41"), hop.FromIp);
        Assert.Equal("mx.customer.example", hop.ByName);
        Assert.Equal(new DateTimeOffset(2024, 3, 12, 9, 14, 3, TimeSpan.FromHours(1)), hop.Time);
    }

    [Fact]
    public void Reads_an_exim_hop_with_helo_and_ipv6()
    {
        var hop = ReceivedHeaderParser.Parse(
            "from [2001:db8::25] (helo=relay.example.net)\n\tby mx.example.org with esmtps (Exim 4.96)\n\tid 1rW2; Mon, 05 Feb 2024 09:59:58 +0100");

        Assert.Equal("relay.example.net", hop.FromName);
        Assert.Equal(IPAddress.Parse("2001:db8::25"), hop.FromIp);
        Assert.Equal("mx.example.org", hop.ByName);
    }

    [Fact]
    public void Reads_a_qmail_hop_with_the_address_in_parentheses()
    {
        var hop = ReceivedHeaderParser.Parse("from relay13.example.co.jp (HELO rr41.out.example.co.jp) (192.0.2.4)\n  by mx4s.example.jp with SMTP; 24 Apr 2013 00:00:00 +0900");

        Assert.Equal("relay13.example.co.jp", hop.FromName);
        Assert.Equal(IPAddress.Parse("192.0.2.4"), hop.FromIp);
        Assert.Equal("mx4s.example.jp", hop.ByName);
    }

    [Fact]
    public void Reads_an_exchange_hop_with_a_bare_address()
    {
        var hop = ReceivedHeaderParser.Parse("from EXCH01.firma.example (10.1.2.3) by EXCH02.firma.example (10.1.2.4) with Microsoft SMTP Server id 15.1.2507.39; Mon, 6 May 2024 14:20:01 +0200");

        Assert.Equal("exch01.firma.example", hop.FromName);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), hop.FromIp);
        Assert.Equal("exch02.firma.example", hop.ByName);
    }

    [Fact]
    public void Reads_a_nested_comment_and_a_by_clause_right_after_it()
    {
        var hop = ReceivedHeaderParser.Parse("FROM [192.0.2.9] (helo=relay.example.net (may be forged) [192.0.2.9])BY Mx.Example.org with esmtp; Mon, 1 Jan 2024 00:00:00 +0000");

        Assert.Equal("relay.example.net", hop.FromName);
        Assert.Equal(IPAddress.Parse("192.0.2.9"), hop.FromIp);
        Assert.Equal("mx.example.org", hop.ByName);
    }

    [Fact]
    public void Ignores_an_unclosed_comment_and_words_that_only_contain_the_keywords()
    {
        var hop = ReceivedHeaderParser.Parse("fromage from host.example. (unknown [192.0.2.5] nearby by (comment) by mx.example.org; Mon, 1 Jan 2024 00:00:00 +0000");

        Assert.Equal("host.example", hop.FromName);
        Assert.Null(hop.FromIp);
        Assert.Equal("mx.example.org", hop.ByName);
    }

    [Fact]
    public void Leaves_out_what_a_local_hop_does_not_say()
    {
        var hop = ReceivedHeaderParser.Parse("(qmail 10000 invoked for bounce); 24 Apr 2013 00:00:00 +0900");

        Assert.Null(hop.FromName);
        Assert.Null(hop.FromIp);
        Assert.NotNull(hop.Time);
    }

    [Fact]
    public void Maps_ipv4_mapped_ipv6_addresses_to_ipv4()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.7"), ReceivedHeaderParser.FindIp("(unknown [IPv6:::ffff:192.0.2.7])"));
    }

    [Fact]
    public void Caps_a_looping_chain()
    {
        var chain = ReceivedHeaderParser.ParseChain(Enumerable.Repeat("from a (a [192.0.2.1]) by b; Mon, 1 Jan 2024 00:00:00 +0000", 5000));

        Assert.Equal(ReceivedHeaderParser.MaxHops, chain.Count);
    }
}
