using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Classification;

/// <summary>
/// The sentences receiving servers write for each failure reason, lower-case. A '*' stands for any
/// text between two parts of a sentence. Gathered from real bounces (the corpus, vendor
/// documentation); one list per reason, so adding a vendor's wording is one line.
/// </summary>
internal static class ReasonPhrases
{
    public static readonly PhraseList MailboxFull = new(
    [
        "mailbox full", "mailbox is full", "mailbox has exceeded", "mailbox size limit", "mailfolder is full",
        "over quota", "overquota", "quota exceeded", "exceeded storage allocation", "exceeds its quota", "disk quota",
        "mailbox exceeds allowed size", "not enough storage space", "insufficient disk space", "mailbox would exceed",
        "quota exceed", "full mailbox", "exceeds the storage quota", "mailbox quota usage exceeded", "is over its storage quota",
        "the email account that you tried to reach is over quota", "number of messages in recipient's mailbox exceeded",
        "user has exhausted allowed storage", "mailbox is over", "mailbox size exceeded", "account is full", "box is full", "not enough disk space",
        "の容量が", "メールボックスが一杯",
    ]);

    public static readonly PhraseList MesgTooBig = new(
    [
        "message too large", "message too big", "message size exceeds", "message is too large", "exceeds size limit",
        "size limit exceeded", "message exceeded maximum size", "email is too large", "mail too large", "message file too big",
        "message is larger than", "exceeds maximum message size", "exceeded the maximum message size", "line limit exceeded",
        "message length exceeds", "size of the message exceeds",
    ]);

    public static readonly PhraseList ExceedLimit = new(["exceeded the maximum allowed length", "message length exceeds administrative limit"]);

    public static readonly PhraseList Suspend = new(
    [
        "account disabled", "account has been disabled", "account is disabled", "mailbox disabled", "account suspended",
        "account has been suspended", "mailbox is frozen", "recipient suspended", "user suspended", "account is inactive",
        "account has been temporarily suspended", "inactive account", "account deactivated", "mailbox is disabled", "boite du destinataire archivee",
        "email account that you tried to reach is disabled", "account that you tried to reach is inactive", "has been deactivated",
        "mailbox unavailable or access denied", "is a deactivated mailbox",
    ]);

    public static readonly PhraseList HasMoved = new(["address has moved", "mailbox has moved", "no longer at this address", "has been moved to"]);

    public static readonly PhraseList NoRelaying = new(
    [
        "relay access denied", "relaying denied", "relay not permitted", "relaying not allowed", "not permitted to relay",
        "unable to relay", "we do not relay", "no relaying", "relay denied", "relaying mail to * is not allowed", "is not a gateway",
        "not allowed to relay", "that domain isn't in my list of allowed rcpthosts", "email address is not verified", "relay through this server without authentication",
    ]);

    public static readonly PhraseList AuthFailure = new(
    [
        "spf check failed", "spf fail", "spf validation failed", "dmarc policy", "dmarc check failed", "dmarc validation",
        "does not pass dmarc", "fails dmarc", "failed dmarc", "sender policy framework", "is not designated to send",
        "spf=fail", "does not pass spf", "email rejected per dmarc policy", "rejected by spf", "failed spf", "dkim check failed",
        "unauthenticated email from", "is not allowed to send from <", "dmarc verification",
    ]);

    public static readonly PhraseList UserUnknown = new(
    [
        "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "unknown recipient",
        "recipient unknown", "invalid recipient", "mailbox not found", "is not a valid mailbox", "user not found",
        "account does not exist", "no mailbox here by that name", "addressee unknown", "invalid mailbox", "not a valid user",
        "unknown local part", "recipient not found", "no such address", "mailbox does not exist", "user not known",
        "bad destination mailbox address", "unknown address", "address unknown", "no such person", "no account by that name",
        "mailbox is unavailable", "user does not exist", "unknown mailbox", "invalid address", "unknown account",
        "no valid recipients", "this user doesn't have a", "utilisateur inconnu", "this address no longer accepts mail",
        "invalid user", "address does not exist", "not a valid recipient", "recipient does not exist", "user not exist",
        "recipient not exist", "requested action not taken: mailbox unavailable", "the email account that you tried to reach does not exist",
        "recipient name is not recognized", "not listed in domino directory", "not listed in public name & address book", "not listed in public name & address book",
        "email address could not be found", "there is no one at this address", "unknown e-mail address", "destination addresses were unknown",
        "no mailbox by that name", "user account is unavailable", "user missing home directory", "nessun utente", "no existe",
        "doesn't have a", "recipient address rejected: user", "not our customer", "mailbox unavailable",
        "recipient address rejected: access denied", "recipient address rejected.",
    ]);

    /// <summary>Sentences that name the recipient as unknown whatever the SMTP command was.</summary>
    public static readonly PhraseList RecipientIsUnknown = new(
    [
        "recipient name is not recognized", "not listed in domino directory", "not listed in public name & address book", "recipient not found by smtp address lookup",
        "resolver.adr.recipientnotfound", "recipient address rejected: access denied", "recipient address rejected.", "invalid recipient", "unknown user:",
        "delivery error: dd ", "requested action not taken: mailbox unavailable", "the address couldn't be found",
        "no valid recipients for this mm",
    ]);

    public static readonly PhraseList Filtered = new(
    [
        "message filtered", "filtered by", "user refuses", "user reject", "refused due to recipient preferences",
        "is not accepting any mail", "has restricted sms e-mail", "you have been blocked by the recipient",
        "recipient is only accepting mail from specific", "message rejected due to user rules", "account is protected by",
        "due to extended inactivity new mail is not currently being accepted",
    ]);

    public static readonly PhraseList RequirePtr = new(
    [
        "no ptr record", "reverse dns validation", "reverse dns lookup failed", "does not have a ptr", "your ip has no ptr",
        "cannot find your hostname", "cannot resolve your address", "ip name lookup failed", "unverifyable sending ip",
        "mismatches client ip", "no reverse dns", "ptr record", "reverse lookup failed", "client host rejected: cannot find",
        "is not resolvable", "unresolvable", "hostname does not resolve", "fix reverse dns", "bad dns ptr resource record",
    ]);

    public static readonly PhraseList NotCompliantRfc = new(
    [
        "not compliant with rfc", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "multiple from", "duplicate header",
        "message is not rfc", "this message is not rfc", "bare lf", "multiple addresses in from",
    ]);

    public static readonly PhraseList BadReputation = new(
    [
        "poor reputation", "bad reputation", "ip reputation", "low reputation", "sender reputation",
        "temporarily deferred due to unexpected volume or user complaints",
    ]);

    public static readonly PhraseList ContentError = new(["improper use of 8-bit data", "message header size exceeds", "media error", "illegal attachment"]);

    public static readonly PhraseList Rejected = new(
    [
        "sender rejected", "sender address rejected", "sender denied", "sender blocked", "sender is blocked", "domain of sender address",
        "sender verify failed", "sender address verification", "invalid sender", "sender not allowed", "bad sender",
        "sender domain must exist", "unroutable sender", "unrouteable sender", "sender unknown", "unknown sender",
        "this sender is not allowed", "sender email address rejected", "null sender", "from: domain is invalid",
        "responsible address", "send mail as", "not a member of this", "are not a member", "may not have permission to post",
        "mail from * rejected", "domain of sender", "address that has been blacklisted",
        "sender address is", "mail from address",
    ]);

    public static readonly PhraseList HostUnknown = new(
    [
        "host unknown", "unknown host", "host not found", "domain not found", "no such domain", "domain does not exist",
        "unrouteable mail domain", "name service error", "mail domain does not exist", "domain name not found", "nxdomain",
        "host or domain name not found", "recipient domain not found", "unknown domain", "no such host", "unrouteable address",
        "bad destination system address", "domain must exist", "host * not found", "could not be resolved", "domain is not reachable",
        "the account or domain may not exist",
    ]);

    public static readonly PhraseList SpamDetected = new(
    [
        "spam detected", "as spam", "spam message", "spam content", "likely spam", "spam classification", "considered spam",
        "spam filter", "spam score", "spam policy", "is spam", "spam-", "this is spam", "rejected as spam", "- spam", "junk mail", "unsolicited", "bulk mail", "content filter", "message content rejected", "identified as junk",
        "uce", "scored too high", "classified as junk", "suspicious content", "appears to be unsolicited", "rejected due to content",
        "ofr_506",
    ]);

    public static readonly PhraseList Speeding = new(["sending too fast", "rate limit exceeded for", "too many messages in"]);

    public static readonly PhraseList TooManyConn = new(
    [
        "too many connections", "too many concurrent", "connection limit", "too many smtp sessions", "too many hosts",
        "connection rate limit", "too many recipients",
    ]);

    public static readonly PhraseList Blocked = new(
    [
        "blacklisted", "blocklisted", "blocked using", "listed in", "listed on", "dnsbl", "spamhaus", "spamcop", "sorbs",
        "client host rejected", "listed at", "connection refused", "banned", "is blocked",
        "has been blocked", "blocked by", "not allowed to connect", "refused to talk", "ip blocked", "host blocked",
        "connection rejected", "access not allowed", "hostname is not allowed", "invalid ip for sending", "smtp server of your isp",
        "my name was rejected", "not accepting connections", "please use your isp", "rejected for policy reasons",
        "ip=", "(bl)", "dynamic ip", "dial-up", "dialup", "residential", "barracuda", "reverse dns", "security policies", "relay quota", "weren't sent",
    ]);

    public static readonly PhraseList VirusDetected = new(["virus", "malware", "infected", "trojan", "worm found", "harmful content"]);

    public static readonly PhraseList PolicyViolation = new(
    [
        "policy violation", "violates", "violation of", "policy rejection", "content policy", "not permitted by policy",
        "local policy", "rejected by policy", "site policy", "message policy", "prohibited", "banned content", "forbidden",
        "attachment", "email policy", "policy reasons", "header error", "protocol violation", "denied by policy",
        "content presents a potential",
    ]);

    public static readonly PhraseList SystemError = new(
    [
        "system error", "internal error", "server error", "local error", "server configuration", "loops back to myself",
        "system failure", "internal server error", "configuration error", "i/o error", "out of memory", "queue file write error",
        "could not load", "service currently unavailable", "operating system error", "ldap server", "loop alert",
        "duplicated message-id", "insufficient permission",
    ]);

    public static readonly PhraseList NetworkError = new(
    [
        "network error", "connection reset", "lost connection", "connection closed", "host unreachable", "network is unreachable",
        "no route to host", "name server", "dns error", "unable to connect", "could not connect", "dns lookup",
        "malformed or unexpected name server reply", "temporary dns", "hop count exceeded", "routing loop", "mail loop",
        "too many hops", "unable to resolve", "wasn't able to establish an smtp connection",
    ]);

    public static readonly PhraseList SystemFull = new(["system full", "disk full", "out of disk space", "insufficient system storage", "mail system full"]);

    public static readonly PhraseList NotAccept = new(
    [
        "does not accept mail", "not accepting any mail", "null mx", "no mail accepted", "does not accept email", "accepts no mail",
        "no mx", "has no mx", "doesn't receive email according to the administrator", "couldn't find a mail exchanger",
        "indicated no smtp service",
    ]);

    public static readonly PhraseList Expired = new(
    [
        "retry time not reached", "retry timeout exceeded", "delivery time expired", "message expired", "envelope expired",
        "message has been delayed", "unable to deliver within", "has not been delivered within", "queue too long", "too long in queue",
        "in the queue too long", "delivery period expired", "was not delivered within", "could not be delivered within",
        "all hosts have been failing", "will be retried", "timed out", "time out", "timeout", "host not reachable",
        "did not accept our requests to connect", "could not find a gateway", "gave up", "giving up",
    ]);

    public static readonly PhraseList FailedStartTls = new(
    [
        "starttls", "tls required", "requires tls", "does not support tls", "tls handshake", "must issue a starttls", "requiretls", "encryption required",
        "tls connection", "ssl connection",
    ]);

    public static readonly PhraseList SecurityError = new(
    [
        "authentication required", "authentication failed", "must authenticate", "unauthenticated senders", "smtp authentication",
        "certificate", "please turn on smtp authentication",
    ]);

    public static readonly PhraseList Suppressed = new(["suppression list", "suppressed", "on the suppression"]);

    public static readonly PhraseList MailerError = new(
    [
        "mailer error", "command failed", "x-unix", "exit code", "exited with", "procmail", "permission denied", "unknown mailer",
        "command died", "pipe to",
    ]);

    public static readonly PhraseList SyntaxError = new(
    [
        "syntax error", "command unrecognized", "unrecognized command", "bad sequence of commands", "command not implemented",
        "command parameter not implemented", "parameter not implemented",
    ]);

    /// <summary>The reasons often said once for the whole bounce rather than per recipient, looked for in the whole context.</summary>
    public static readonly PhraseList SaidOfWholeBounce = PhraseList.AnyOf(MailboxFull, Suspend, NotCompliantRfc);

    /// <summary>Reasons decided before the status code, in order of precedence (the taxonomy's own order).</summary>
    public static readonly (BounceReason Reason, PhraseList Phrases)[] Decisive =
    [
        (BounceReason.MailboxFull, MailboxFull),
        (BounceReason.MesgTooBig, MesgTooBig),
        (BounceReason.ExceedLimit, ExceedLimit),
        (BounceReason.Suspend, Suspend),
        (BounceReason.HasMoved, HasMoved),
        (BounceReason.NoRelaying, NoRelaying),
        (BounceReason.AuthFailure, AuthFailure),
        (BounceReason.UserUnknown, UserUnknown),
        (BounceReason.Filtered, Filtered),
        (BounceReason.RequirePtr, RequirePtr),
        (BounceReason.NotCompliantRfc, NotCompliantRfc),
        (BounceReason.BadReputation, BadReputation),
        (BounceReason.ContentError, ContentError),
        (BounceReason.Rejected, Rejected),
        (BounceReason.NotAccept, NotAccept),
        (BounceReason.HostUnknown, HostUnknown),
        (BounceReason.SpamDetected, SpamDetected),
        (BounceReason.Speeding, Speeding),
        (BounceReason.TooManyConn, TooManyConn),
        (BounceReason.Blocked, Blocked),
    ];

    /// <summary>Reasons tried when neither the first table nor a specific status code decided.</summary>
    public static readonly (BounceReason Reason, PhraseList Phrases)[] Fallback =
    [
        (BounceReason.MailboxFull, new(["quota"])),
        (BounceReason.VirusDetected, VirusDetected),
        (BounceReason.PolicyViolation, PolicyViolation),
        // A fault of the receiving system outranks the queue giving up on it ("unable to contact ldap server ... in the queue too long").
        (BounceReason.SystemError, SystemError),
        (BounceReason.Expired, Expired),
        (BounceReason.NetworkError, NetworkError),
        (BounceReason.SystemFull, SystemFull),
        (BounceReason.FailedStartTls, FailedStartTls),
        (BounceReason.SecurityError, SecurityError),
        (BounceReason.Suppressed, Suppressed),
        (BounceReason.MailerError, MailerError),
        (BounceReason.SyntaxError, SyntaxError),
    ];
}
