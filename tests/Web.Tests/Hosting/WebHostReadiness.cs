using Backscatter.Testing;

namespace Backscatter.Web.Tests.Hosting;

public sealed class WebHostReadiness : HostReadinessSpecification<Program>
{
    protected override HostLogin Login => HostLogin.Web;
}
