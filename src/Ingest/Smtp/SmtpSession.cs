using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using Microsoft.Extensions.Logging;

namespace Backscatter.Ingest.Smtp;

/// <summary>
/// One SMTP conversation (RFC 5321 with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES
/// and STARTTLS). Replies are buffered while the client has pipelined commands waiting and
/// flushed before the session waits for more input. A message is acknowledged with 250 only after
/// the inbox has made it durable.
/// </summary>
internal sealed partial class SmtpSession : IAsyncDisposable
{
    private const int MaxCommandLine = 2048;
    private const int MaxErrors = 20;
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly SmtpOptions _options;
    private readonly IIngestAddressBook _addresses;
    private readonly IReportInbox _inbox;
    private readonly SmtpClientLimits _limits;
    private readonly X509Certificate2? _certificate;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IPAddress _clientIp;
    private readonly CancellationToken _stopping;
    private readonly List<AcceptedRecipient> _recipients = [];
    private readonly ArrayBufferWriter<byte> _replies = new(1024);

    private Stream _stream;
    private PipeReader _reader;
    private string? _helo;
    private string? _mailFrom;
    private bool _tls;
    private int _errors;
    private int _messages;

    public SmtpSession(
        Stream stream,
        IPAddress clientIp,
        SmtpOptions options,
        IIngestAddressBook addresses,
        IReportInbox inbox,
        SmtpClientLimits limits,
        X509Certificate2? certificate,
        TimeProvider clock,
        ILogger logger,
        CancellationToken stopping)
    {
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        _clientIp = clientIp;
        _options = options;
        _addresses = addresses;
        _inbox = inbox;
        _limits = limits;
        _certificate = certificate;
        _clock = clock;
        _logger = logger;
        _stopping = stopping;
    }

    public async Task RunAsync()
    {
        LogConnected(_clientIp);
        Reply($"220 {_options.HostName} ESMTP Backscatter.Cloud ingest ready");
        try
        {
            while (await ReadLineAsync(_options.CommandTimeout) is { } line)
            {
                if (!await HandleAsync(line))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Reply(SmtpReply.ShuttingDown);
        }
        catch (TimeoutException)
        {
            Reply(SmtpReply.Timeout);
        }
        catch (LineTooLongException)
        {
            Reply(SmtpReply.LineTooLong);
        }
        catch (IOException)
        {
            // The client went away; nothing to tell it.
        }
        catch (AuthenticationException ex)
        {
            // A failed TLS handshake leaves no channel to answer on.
            LogTlsFailed(_clientIp, ex.Message);
            return;
        }

        await FlushAsync();
        LogClosed(_clientIp, _helo ?? "-", _messages);
    }

    private async Task<bool> HandleAsync(string line)
    {
        var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
        var argument = line.Length > 4 ? line[4..].Trim() : "";
        switch (verb)
        {
            case "EHLO":
                return Hello(argument, extended: true);
            case "HELO":
                return Hello(argument, extended: false);
            case "MAIL":
                return Mail(argument);
            case "RCPT":
                return await RecipientAsync(argument);
            case "DATA":
                return await DataAsync();
            case "RSET":
                ResetTransaction();
                Reply(SmtpReply.Ok);
                return true;
            case "NOOP":
                Reply(SmtpReply.Ok);
                return true;
            case "QUIT":
                Reply(SmtpReply.Bye);
                return false;
            case "VRFY":
                Reply(SmtpReply.CannotVerify);
                return true;
            case "HELP":
                Reply(SmtpReply.Help);
                return true;
            case "STAR" when line.Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase):
                return await StartTlsAsync();
            case "BDAT":
            case "EXPN":
            case "ETRN":
            case "TURN":
                return Error(SmtpReply.NotImplemented);
            default:
                return Error(SmtpReply.Unrecognized);
        }
    }

    private bool Hello(string argument, bool extended)
    {
        if (argument.Length == 0 || argument.Length > 255 || argument.Any(char.IsControl))
        {
            return Error(SmtpReply.SyntaxError);
        }

        _helo = argument;
        ResetTransaction();
        if (!extended)
        {
            Reply($"250 {_options.HostName}");
            return true;
        }

        Reply($"250-{_options.HostName} greets {argument}");
        Reply("250-PIPELINING");
        Reply($"250-SIZE {_options.MaxMessageSize}");
        Reply("250-8BITMIME");
        Reply("250-SMTPUTF8");
        if (_certificate is not null && !_tls)
        {
            Reply("250-STARTTLS");
        }

        Reply("250 ENHANCEDSTATUSCODES");
        return true;
    }

    private bool Mail(string argument)
    {
        if (_helo is null)
        {
            return Error(SmtpReply.HelloFirst);
        }

        if (_mailFrom is not null)
        {
            return Error(SmtpReply.NestedMail);
        }

        if (!TryParsePath(argument, "FROM:", out var address, out var parameters))
        {
            return Error(SmtpReply.SyntaxError);
        }

        foreach (var parameter in parameters)
        {
            if (parameter.StartsWith("SIZE=", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(parameter.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture, out var size)
                && size > _options.MaxMessageSize)
            {
                return Error(SmtpReply.MessageTooBig);
            }
        }

        // The null sender <> is what every bounce uses: always welcome here.
        _mailFrom = address;
        Reply(SmtpReply.SenderOk);
        return true;
    }

    private async Task<bool> RecipientAsync(string argument)
    {
        if (_mailFrom is null)
        {
            return Error(SmtpReply.MailFirst);
        }

        if (!TryParsePath(argument, "TO:", out var address, out _) || address.Length == 0)
        {
            return Error(SmtpReply.SyntaxError);
        }

        if (_recipients.Count >= _options.MaxRecipients)
        {
            Reply(SmtpReply.TooManyRecipients);
            return true;
        }

        // An unknown address is refused now, in the session: this product never accepts and bounces later.
        Guid? tenant;
        try
        {
            tenant = await _addresses.FindTenantAsync(address, _stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogLookupFailed(ex, _clientIp);
            Reply(SmtpReply.StorageUnavailable);
            return true;
        }

        if (tenant is null)
        {
            LogUnknownRecipient(_clientIp, address);
            return Error(SmtpReply.UnknownRecipient(address));
        }

        _recipients.Add(new AcceptedRecipient(address.ToLowerInvariant(), tenant.Value));
        Reply(SmtpReply.RecipientOk);
        return true;
    }

    private async Task<bool> DataAsync()
    {
        if (_mailFrom is null)
        {
            return Error(SmtpReply.MailFirst);
        }

        if (_recipients.Count == 0)
        {
            return Error(SmtpReply.RecipientFirst);
        }

        if (!_limits.TryTakeMessage(_clientIp))
        {
            Reply(SmtpReply.RateLimited);
            LogRateLimited(_clientIp);
            return false;
        }

        Reply(SmtpReply.StartData);
        await FlushAsync();
        var (raw, tooBig) = await ReadDataAsync();
        if (tooBig)
        {
            LogTooBig(_clientIp, _options.MaxMessageSize);
            ResetTransaction();
            Reply(SmtpReply.MessageTooBig);
            return true;
        }

        var message = new ReceivedMessage(_clientIp, _helo!, _mailFrom, [.. _recipients], raw, _clock.GetUtcNow());
        ResetTransaction();
        try
        {
            var ids = await _inbox.StoreAsync(message, _stopping);
            _messages++;
            Reply(SmtpReply.Queued(ids[0]));
            LogStored(_clientIp, message.MailFrom, message.Recipients.Count, raw.Length, ids[0]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // Not durable means not acknowledged: the sender keeps the message and retries.
            LogNotStored(ex, _clientIp);
            Reply(SmtpReply.StorageUnavailable);
        }

        return true;
    }

    /// <summary>Reads the data block up to the lone dot, undoing dot-stuffing; stops keeping bytes past the size limit but reads to the end.</summary>
    private async Task<(byte[] Raw, bool TooBig)> ReadDataAsync()
    {
        var body = new ArrayBufferWriter<byte>(8 * 1024);
        var tooBig = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        while (true)
        {
            ReadResult result;
            try
            {
                // An idle limit, not a total one: a large message over a slow link keeps streaming.
                timeout.CancelAfter(_options.DataTimeout);
                result = await _reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new TimeoutException();
            }

            var buffer = result.Buffer;
            while (TryTakeLine(ref buffer, out var line))
            {
                if (IsEndOfData(line))
                {
                    _reader.AdvanceTo(buffer.Start);
                    return (body.WrittenSpan.ToArray(), tooBig);
                }

                var content = line.FirstSpan.Length > 0 && line.FirstSpan[0] == (byte)'.' ? line.Slice(1) : line;
                if (!tooBig && body.WrittenCount + content.Length > _options.MaxMessageSize)
                {
                    tooBig = true;
                }

                if (!tooBig)
                {
                    foreach (var segment in content)
                    {
                        body.Write(segment.Span);
                    }
                }
            }

            if (result.IsCompleted)
            {
                throw new IOException("The client closed the connection in the middle of DATA.");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool IsEndOfData(ReadOnlySequence<byte> line) =>
        (line.Length == 3 && line.FirstSpan.Length >= 1 && IsDotCrLf(line)) || (line.Length == 2 && IsDotLf(line));

    private static bool IsDotCrLf(ReadOnlySequence<byte> line)
    {
        Span<byte> three = stackalloc byte[3];
        line.CopyTo(three);
        return three[0] == '.' && three[1] == '\r' && three[2] == '\n';
    }

    private static bool IsDotLf(ReadOnlySequence<byte> line)
    {
        Span<byte> two = stackalloc byte[2];
        line.CopyTo(two);
        return two[0] == '.' && two[1] == '\n';
    }

    /// <summary>Takes one line including its line end (LF, usually CRLF) off the buffer.</summary>
    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }

        var next = buffer.GetPosition(1, end.Value);
        line = buffer.Slice(0, next);
        buffer = buffer.Slice(next);
        return true;
    }

    private async Task<bool> StartTlsAsync()
    {
        if (_certificate is null || _tls)
        {
            return Error(SmtpReply.NoTls);
        }

        Reply(SmtpReply.ReadyForTls);
        await FlushAsync();
        // Anything the client pipelined after STARTTLS is discarded (RFC 3207: it must not do that).
        await _reader.CompleteAsync();
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        _stream = tls;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping))
        {
            handshake.CancelAfter(_options.CommandTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = false },
                    handshake.Token);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new AuthenticationException("The client did not complete the TLS handshake in time.");
            }
        }

        _reader = PipeReader.Create(tls, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        _tls = true;
        _helo = null;
        ResetTransaction();
        return true;
    }

    private async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        cts.CancelAfter(timeout);
        while (true)
        {
            if (!_reader.TryRead(out var result))
            {
                // Nothing pipelined is waiting: the client needs the replies before it sends more.
                await FlushAsync();
                try
                {
                    result = await _reader.ReadAsync(cts.Token);
                }
                catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                {
                    throw new TimeoutException();
                }
            }

            var buffer = result.Buffer;
            if (TryTakeLine(ref buffer, out var line))
            {
                if (line.Length > MaxCommandLine)
                {
                    throw new LineTooLongException();
                }

                var text = Encoding.UTF8.GetString(line).TrimEnd('\r', '\n');
                _reader.AdvanceTo(buffer.Start);
                return text;
            }

            if (buffer.Length > MaxCommandLine)
            {
                throw new LineTooLongException();
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Parses <c>FROM:&lt;address&gt; PARAM=VALUE ...</c>; the brackets are required, the address may be empty.</summary>
    internal static bool TryParsePath(string argument, string prefix, out string address, out string[] parameters)
    {
        address = "";
        parameters = [];
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = argument[prefix.Length..].TrimStart();
        var close = rest.IndexOf('>', StringComparison.Ordinal);
        if (!rest.StartsWith('<') || close < 0)
        {
            return false;
        }

        address = rest[1..close].Trim();
        // A source route (@a,@b:user@c) is obsolete; keep only the mailbox.
        var colon = address.StartsWith('@') ? address.IndexOf(':', StringComparison.Ordinal) : -1;
        if (colon >= 0)
        {
            address = address[(colon + 1)..];
        }

        if (address.Length > 320 || address.Any(char.IsControl))
        {
            return false;
        }

        parameters = rest[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return true;
    }

    private void ResetTransaction()
    {
        _mailFrom = null;
        _recipients.Clear();
    }

    private bool Error(string reply)
    {
        Reply(reply);
        if (++_errors < MaxErrors)
        {
            return true;
        }

        Reply(SmtpReply.TooManyErrors);
        return false;
    }

    private void Reply(string line)
    {
        Encoding.UTF8.GetBytes(line, _replies);
        _replies.Write(CrLf);
    }

    private async Task FlushAsync()
    {
        if (_replies.WrittenCount == 0)
        {
            return;
        }

        try
        {
            await _stream.WriteAsync(_replies.WrittenMemory, _stopping);
            await _stream.FlushAsync(_stopping);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // A client that left cannot be told anything.
        }

        _replies.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
    }

    [LoggerMessage(LogLevel.Debug, "SMTP connection from {ClientIp}")]
    private partial void LogConnected(IPAddress clientIp);

    [LoggerMessage(LogLevel.Information, "SMTP session from {ClientIp} ({Helo}) closed after {Messages} messages")]
    private partial void LogClosed(IPAddress clientIp, string helo, int messages);

    [LoggerMessage(LogLevel.Information, "Refused RCPT {Recipient} from {ClientIp}: no such ingest address")]
    private partial void LogUnknownRecipient(IPAddress clientIp, string recipient);

    [LoggerMessage(LogLevel.Error, "Could not look up a recipient for {ClientIp}; answered 451")]
    private partial void LogLookupFailed(Exception exception, IPAddress clientIp);

    [LoggerMessage(LogLevel.Warning, "Refused a message from {ClientIp}: larger than {MaxMessageSize} bytes")]
    private partial void LogTooBig(IPAddress clientIp, long maxMessageSize);

    [LoggerMessage(LogLevel.Information, "TLS handshake with {ClientIp} failed: {Reason}")]
    private partial void LogTlsFailed(IPAddress clientIp, string reason);

    [LoggerMessage(LogLevel.Warning, "Rate limit reached for {ClientIp}; closing with 421")]
    private partial void LogRateLimited(IPAddress clientIp);

    [LoggerMessage(LogLevel.Debug, "Stored a message from {ClientIp}, MAIL FROM <{MailFrom}>, {Recipients} recipients, {Size} bytes as {ReportId}")]
    private partial void LogStored(IPAddress clientIp, string mailFrom, int recipients, int size, Guid reportId);

    [LoggerMessage(LogLevel.Error, "Could not store a message from {ClientIp}; answered 451")]
    private partial void LogNotStored(Exception exception, IPAddress clientIp);

    private sealed class LineTooLongException : Exception;
}
