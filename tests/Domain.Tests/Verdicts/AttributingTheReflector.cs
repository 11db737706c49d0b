using System.Net;

using Backscatter.Domain.Net;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Domain.Tests.Verdicts;

/// <summary>
/// A real bounce, with the Received headers that the hops after the reflector add: the tenant's MX
/// and its forwarding hosts. The reflector is the first public address outside them.
/// </summary>
public sealed class AttributingTheReflector
{
    private const string Bounce = "lhost-postfix-01.eml";
    private const string Date = "; Thu, 26 Nov 2026 10:00:00 +0000";
    private static readonly HostNameList IngestHosts = new(["in.backscatter.test", "*.in.backscatter.test"]);

    private static readonly string FromReflectorToMx =
        "Received: from mail.reflector.example (mail.reflector.example [81.2.69.160])\n\tby mx1.tenant.example (Postfix) with ESMTP id 4A1B2C" + Date;

    private static readonly string FromMxToForwarder =
        "Received: from mx1.tenant.example (mx1.tenant.example [185.199.108.10])\n\tby fwd.tenant.example (Postfix) with ESMTPS id 5B2C3D" + Date;

    private static readonly string FromForwarderToSecondForwarder =
        "Received: from fwd.tenant.example (fwd.tenant.example [185.199.110.5])\n\tby relay2.tenant.example with ESMTPS id 6C3D4E" + Date;

    private static readonly TenantMailConfiguration Tenant = new()
    {
        Domains = ["tenant.example"],
        TrustedInboundNames = new HostNameList(["mx1.tenant.example"]),
        TrustedInboundNetworks = new NetworkList([IpNetwork.Parse("185.199.110.0/24")]),
    };

    [Fact]
    public void Names_the_server_that_handed_the_bounce_to_the_tenants_mx()
    {
        var reflector = ReflectorAttribution.Find(CorpusBounces.WithReceivedOnTop(Bounce, FromReflectorToMx), Tenant, IngestHosts);

        Assert.NotNull(reflector);
        Assert.Equal(IPAddress.Parse("81.2.69.160"), reflector.Ip);
        Assert.Equal("mail.reflector.example", reflector.Host);
    }

    [Fact]
    public void Skips_one_forwarding_hop_of_the_tenant()
    {
        var bounce = CorpusBounces.WithReceivedOnTop(Bounce, FromMxToForwarder, FromReflectorToMx);

        Assert.Equal(IPAddress.Parse("81.2.69.160"), ReflectorAttribution.Find(bounce, Tenant, IngestHosts)?.Ip);
    }

    [Fact]
    public void Skips_two_forwarding_hops_of_the_tenant()
    {
        var bounce = CorpusBounces.WithReceivedOnTop(Bounce, FromForwarderToSecondForwarder, FromMxToForwarder, FromReflectorToMx);

        Assert.Equal(IPAddress.Parse("81.2.69.160"), ReflectorAttribution.Find(bounce, Tenant, IngestHosts)?.Ip);
    }

    [Fact]
    public void Finds_an_IPv6_reflector_behind_an_IPv6_forwarding_hop()
    {
        var bounce = CorpusBounces.WithReceivedOnTop(
            Bounce,
            "Received: from mx1.tenant.example (mx1.tenant.example [IPv6:2a00:1450:4001:81c::1b])\n\tby fwd.tenant.example with ESMTPS id 7D" + Date,
            "Received: from mail6.reflector.example (mail6.reflector.example [IPv6:2a01:4f8:c17:1::25])\n\tby mx1.tenant.example with ESMTPS id 8E" + Date);

        var reflector = ReflectorAttribution.Find(bounce, Tenant, IngestHosts);

        Assert.Equal(IPAddress.Parse("2a01:4f8:c17:1::25"), reflector?.Ip);
        Assert.Equal("mail6.reflector.example", reflector?.Host);
    }

    [Fact]
    public void Skips_hops_from_private_and_loopback_addresses()
    {
        var bounce = CorpusBounces.WithReceivedOnTop(
            Bounce,
            "Received: from localhost (localhost [127.0.0.1])\n\tby mailstore.tenant.example with LMTP id 1" + Date,
            "Received: from mx-internal (mx-internal [10.20.30.40])\n\tby mailstore.tenant.example with ESMTP id 2" + Date,
            FromReflectorToMx);

        Assert.Equal(IPAddress.Parse("81.2.69.160"), ReflectorAttribution.Find(bounce, Tenant, IngestHosts)?.Ip);
    }

    [Fact]
    public void Skips_the_hop_from_the_ingest_itself()
    {
        var bounce = CorpusBounces.WithReceivedOnTop(
            Bounce,
            "Received: from edge.in.backscatter.test (edge.in.backscatter.test [52.58.1.1])\n\tby worker.in.backscatter.test id 9" + Date,
            FromReflectorToMx);

        Assert.Equal(IPAddress.Parse("81.2.69.160"), ReflectorAttribution.Find(bounce, Tenant, IngestHosts)?.Ip);
    }

    [Fact]
    public void Never_names_a_documentation_address()
    {
        var bounce = CorpusBounces.WithReceivedOnTop(
            Bounce, "Received: from mail.example.net (mail.example.net [198.51.100.7])\n\tby mx1.tenant.example id 3" + Date);

        Assert.Null(ReflectorAttribution.Find(bounce, Tenant, IngestHosts));
    }

    [Fact]
    public void Never_names_the_tenants_own_relay()
    {
        var tenant = new TenantMailConfiguration
        {
            Domains = ["tenant.example"],
            OutboundRelayNetworks = new NetworkList([IpNetwork.Parse("81.2.69.160")]),
        };

        Assert.Null(ReflectorAttribution.Find(CorpusBounces.WithReceivedOnTop(Bounce, FromReflectorToMx), tenant, IngestHosts));
    }

    [Fact]
    public void Takes_the_smtp_client_in_direct_mx_mode()
    {
        var reflector = ReflectorAttribution.Find(
            CorpusBounces.Get(Bounce), Tenant, IngestHosts, IPAddress.Parse("::ffff:81.2.69.161"), directMx: true);

        Assert.Equal(IPAddress.Parse("81.2.69.161"), reflector?.Ip);
        Assert.Equal(CorpusBounces.Get(Bounce).ReportingMta, reflector?.ReportingMta);
    }

    [Fact]
    public void Takes_no_private_smtp_client_in_direct_mx_mode()
    {
        Assert.Null(ReflectorAttribution.Find(CorpusBounces.Get(Bounce), Tenant, IngestHosts, IPAddress.Parse("192.168.1.20"), directMx: true));
    }
}
