using MimeKit;

namespace Backscatter.Domain.Classification;

/// <summary>
/// A message/rfc822 part kept as it was written instead of parsed into a tree: the classifier needs
/// the returned original's headers, almost never its body and attachments, and building those was
/// the largest single cost of classifying a bounce.
/// </summary>
internal sealed class ReturnedMessagePart : MimePart
{
    // MimeKit creates registered part types through this constructor.
    public ReturnedMessagePart(MimeEntityConstructorArgs args)
        : base(args)
    {
    }
}
