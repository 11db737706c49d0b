/*
 * dns-probe: a one-thread, open-loop UDP DNS latency probe for scripts/bench-dns.sh.
 *
 * Why it exists: dnsperf measures latency from user space in two threads (a sender and a receiver) that
 * compete with the server for this machine's two cores, so its tail includes the client's own scheduling
 * delays. This probe sends at a fixed rate from one thread and records, for every answer, two latencies:
 *
 *   user  clock_gettime before send() -> clock_gettime after recvmsg()   (what dnsperf measures)
 *   wire  kernel TX software timestamp of the query -> kernel RX software timestamp of the answer
 *         (SO_TIMESTAMPING; on loopback these are taken when the client's and the server's send calls
 *         hand the packets to the device, as a packet capture would see them), so the client's wake-up
 *         and scheduling delays are left out and the server's queueing, wake-up and work are all in.
 *
 * usage: dns-probe <server-ip> <port> <query-file> <rate q/s> <seconds>
 * The query file is dnsperf's ("name TYPE" per line; only A, TXT, AAAA, SOA, NS, ANY are known).
 * Prints one line: sent received lost, then user and wire p50 p90 p99 p99.9 max in milliseconds over all
 * queries sent ("lost" where the rank falls on unanswered queries), and how many answers have both
 * kernel timestamps; then how late the sends left against the schedule (p50 p90 p99 p99.9 max): when
 * that is large the probe itself did not get the CPU, and "user" says nothing about the server.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* 10 s at 400,000 q/s: this machine's half load was 107,000 q/s (2026-11-27), past the old 1,000,000. */
#define MAX_QUERIES 4000000
#define MAX_PACKET 512

typedef struct {
    unsigned char bytes[300];
    int length;
} query_t;

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t); /* the kernel's software timestamps are CLOCK_REALTIME */
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int qtype(const char* name)
{
    static const struct { const char* name; int code; } types[] = {
        { "A", 1 }, { "NS", 2 }, { "SOA", 6 }, { "TXT", 16 }, { "AAAA", 28 }, { "ANY", 255 },
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (strcasecmp(name, types[i].name) == 0)
            return types[i].code;
    return -1;
}

static int encode(const char* line, query_t* q)
{
    char name[256], type[16];
    if (sscanf(line, "%255s %15s", name, type) != 2 || qtype(type) < 0)
        return -1;
    unsigned char* p = q->bytes;
    memset(p, 0, 12);
    p[2] = 0x01; /* RD, as dnsperf sends */
    p[5] = 1;    /* one question */
    p += 12;
    for (char* label = strtok(name, "."); label != NULL; label = strtok(NULL, ".")) {
        size_t n = strlen(label);
        if (n == 0 || n > 63 || (p - q->bytes) + n + 6 > sizeof(q->bytes))
            return -1;
        *p++ = (unsigned char)n;
        memcpy(p, label, n);
        p += n;
    }
    *p++ = 0;
    int t = qtype(type);
    *p++ = (unsigned char)(t >> 8);
    *p++ = (unsigned char)t;
    *p++ = 0;
    *p++ = 1; /* IN */
    q->length = (int)(p - q->bytes);
    return 0;
}

static int compare(const void* a, const void* b)
{
    int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
    return x < y ? -1 : x > y;
}

/* Percentiles over all the queries sent: a lost query counts as later than any answer ("lost"), so a
 * server that drops queries under load cannot look faster for it. */
static void print_percentiles(const char* label, int64_t* values, size_t n, size_t sent)
{
    qsort(values, n, sizeof(values[0]), compare);
    const double ps[] = { 0.50, 0.90, 0.99, 0.999 };
    printf(" %s", label);
    for (size_t i = 0; i < 4; i++) {
        size_t k = (size_t)(ps[i] * (double)sent + 0.999999);
        k = k == 0 ? 1 : k;
        if (k > n)
            printf(" lost");
        else
            printf(" %.3f", values[k - 1] / 1e6);
    }
    if (n < sent)
        printf(" lost");
    else
        printf(" %.3f", values[n - 1] / 1e6);
}

int main(int argc, char** argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: dns-probe <server-ip> <port> <query-file> <rate q/s> <seconds>\n");
        return 2;
    }
    double rate = atof(argv[4]), seconds = atof(argv[5]);
    if (rate <= 0 || seconds <= 0 || rate * seconds > MAX_QUERIES) {
        fprintf(stderr, "rate and seconds must be positive, at most %d queries in all\n", MAX_QUERIES);
        return 2;
    }

    FILE* file = fopen(argv[3], "r");
    if (file == NULL) {
        perror("query file");
        return 1;
    }
    size_t nq = 0, cap = 1024;
    query_t* queries = malloc(cap * sizeof(query_t));
    char line[512];
    while (fgets(line, sizeof(line), file) != NULL && nq < MAX_QUERIES) {
        if (nq == cap)
            queries = realloc(queries, (cap *= 2) * sizeof(query_t));
        if (encode(line, &queries[nq]) == 0)
            nq++;
    }
    fclose(file);
    if (nq == 0) {
        fprintf(stderr, "no queries in %s\n", argv[3]);
        return 1;
    }

    struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2])) };
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "bad server address %s\n", argv[1]);
        return 2;
    }
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    /* Answers and the TX timestamps (queued on the error queue) share this buffer: a short stall of the
     * probe must not drop either. FORCE goes past net.core.rmem_max as root; otherwise the plain size. */
    int buffer = 32 << 20;
    if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof(buffer)) != 0)
        setsockopt(s, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
    unsigned int flags = SOF_TIMESTAMPING_SOFTWARE | SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_TX_SOFTWARE
        | SOF_TIMESTAMPING_OPT_ID | SOF_TIMESTAMPING_OPT_TSONLY;
    if (setsockopt(s, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof(flags)) != 0) {
        perror("SO_TIMESTAMPING");
        return 1;
    }
    if (connect(s, (struct sockaddr*)&server, sizeof(server)) != 0) {
        perror("connect");
        return 1;
    }
    prctl(PR_SET_TIMERSLACK, 1UL); /* wake for the next send on time, not up to 50 us late */

    size_t total = (size_t)(rate * seconds);
    int64_t* user_sent = calloc(total, sizeof(int64_t)); /* per send: user time, kernel TX time */
    int64_t* wire_sent = calloc(total, sizeof(int64_t));
    int64_t* user_latency = malloc(total * sizeof(int64_t));
    int64_t* wire_latency = malloc(total * sizeof(int64_t));
    int64_t* pending_rx = calloc(total, sizeof(int64_t)); /* an answer whose TX timestamp came later */
    int64_t* send_slip = calloc(total, sizeof(int64_t));  /* how late each send left: the probe's own starvation */
    int32_t last_send_of_id[65536];
    memset(last_send_of_id, 0xff, sizeof(last_send_of_id));
    size_t sent = 0, received = 0, wired = 0;
    unsigned char packet[MAX_PACKET];
    char control[512];

    int64_t period = (int64_t)(1e9 / rate), start = now_ns() + 1000000, end = start + (int64_t)(seconds * 1e9);
    int64_t drain_until = end + 200000000; /* answers later than 200 ms after the last send count as lost */
    int64_t last_send = 0;
    for (;;) {
        int64_t now = now_ns();
        while (sent < total && now >= start + (int64_t)sent * period) {
            query_t* q = &queries[sent % nq];
            uint16_t id = (uint16_t)sent;
            q->bytes[0] = (unsigned char)(id >> 8);
            q->bytes[1] = (unsigned char)id;
            user_sent[sent] = now_ns();
            send_slip[sent] = user_sent[sent] - (start + (int64_t)sent * period);
            if (send(s, q->bytes, (size_t)q->length, 0) != q->length) {
                user_sent[sent] = 0; /* counts as lost */
            }
            last_send_of_id[id] = (int32_t)sent;
            sent++;
            now = last_send = now_ns();
        }
        /* A starved probe sends its last queries late; their answers still get the full 200 ms. */
        if (sent == total && last_send + 200000000 > drain_until)
            drain_until = last_send + 200000000;
        if (now >= drain_until || (sent == total && received == sent))
            break;

        for (;;) {
            struct iovec iov = { packet, sizeof(packet) };
            struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof(control) };
            ssize_t n = recvmsg(s, &m, MSG_DONTWAIT);
            int64_t at = now_ns();
            if (n < 0)
                break;
            if (n < 12)
                continue;
            int32_t index = last_send_of_id[(packet[0] << 8) | packet[1]];
            if (index < 0 || user_sent[index] == 0)
                continue;
            int64_t rx = 0;
            for (struct cmsghdr* c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c))
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPING)
                    rx = (int64_t)((struct timespec*)CMSG_DATA(c))[0].tv_sec * 1000000000 + ((struct timespec*)CMSG_DATA(c))[0].tv_nsec;
            user_latency[received++] = at - user_sent[index];
            user_sent[index] = 0; /* a duplicate answer is not counted twice */
            if (wire_sent[index] != 0 && rx != 0)
                wire_latency[wired++] = rx - wire_sent[index];
            else
                pending_rx[index] = rx;
        }
        /* TX timestamps of the queries, numbered by the kernel in send order (SOF_TIMESTAMPING_OPT_ID). */
        for (;;) {
            struct msghdr m = { .msg_control = control, .msg_controllen = sizeof(control) };
            if (recvmsg(s, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
                break;
            int64_t tx = 0;
            uint32_t key = UINT32_MAX;
            for (struct cmsghdr* c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPING)
                    tx = (int64_t)((struct timespec*)CMSG_DATA(c))[0].tv_sec * 1000000000 + ((struct timespec*)CMSG_DATA(c))[0].tv_nsec;
                else if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)) {
                    struct sock_extended_err* e = (struct sock_extended_err*)CMSG_DATA(c);
                    if (e->ee_origin == SO_EE_ORIGIN_TIMESTAMPING)
                        key = e->ee_data;
                }
            }
            if (key < total && tx != 0) {
                wire_sent[key] = tx;
                if (pending_rx[key] != 0)
                    wire_latency[wired++] = pending_rx[key] - tx;
            }
        }

        /* Sleep until the next send is due (or an answer arrives). */
        now = now_ns();
        int64_t next = sent < total ? start + (int64_t)sent * period : drain_until;
        if (next > now) {
            struct pollfd p = { s, POLLIN, 0 };
            int64_t wait = next - now;
            struct timespec timeout = { wait / 1000000000, wait % 1000000000 };
            ppoll(&p, 1, &timeout, NULL);
        }
    }

    printf("sent %zu received %zu lost %zu", sent, received, sent - received);
    print_percentiles("user", user_latency, received, sent);
    print_percentiles("wire", wire_latency, wired, sent);
    printf(" wire-timed %zu", wired);
    print_percentiles("send-late", send_slip, sent, sent);
    printf("\n");
    return 0;
}
