namespace Backscatter.Ingest.Alerts;

/// <summary>An alert's destination resolved to an address outside the public internet; nothing was sent.</summary>
public sealed class DestinationRefusedException : Exception
{
    public DestinationRefusedException()
    {
    }

    public DestinationRefusedException(string message)
        : base(message)
    {
    }

    public DestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
