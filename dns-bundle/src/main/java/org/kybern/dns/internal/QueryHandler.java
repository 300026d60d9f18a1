package org.kybern.dns.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query packet into its response packet: names in the cluster domain from
 * {@link ClusterRecords} (authoritative; never forwarded), PTR questions for the cluster's addresses
 * too, other names from the {@link Upstream}
 * (SERVFAIL when it does not answer). A response over UDP is cut to 512 bytes, or to the client's EDNS
 * payload size, with the TC bit set so that the client asks again over TCP.
 */
final class QueryHandler {

    /** The largest UDP response to a client without EDNS (RFC 1035). */
    static final int UDP_SIZE = 512;
    /** The largest UDP response to an EDNS client, whatever it offers. */
    static final int MAX_EDNS_SIZE = 4096;
    /** The payload size this server advertises to EDNS clients (the DNS flag day's value). */
    static final int ADVERTISED_EDNS_SIZE = 1232;
    private static final int TCP_SIZE = 65535;
    private static final int HEADER_SIZE = 12;

    private final ClusterRecords records;
    private final Supplier<ClusterView> view;
    private final Upstream upstream;

    /**
     * @param view the cluster as the informers see it; null while they have not synced (cluster names
     *             then get SERVFAIL, which clients retry, rather than a false NXDOMAIN)
     */
    QueryHandler(ClusterRecords records, Supplier<ClusterView> view, Upstream upstream) {
        this.records = records;
        this.view = view;
        this.upstream = upstream;
    }

    /** The response to {@code packet}, or null when it gets none (not a query, or not even a header). */
    byte[] respond(byte[] packet, boolean udp) {
        Message query;
        try {
            query = new Message(packet);
        } catch (IOException | RuntimeException e) {
            return formatError(packet);
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return null; // a response: answering it could start a loop
        }
        Message response = answer(query);
        int limit = TCP_SIZE;
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            response.addRecord(new OPTRecord(ADVERTISED_EDNS_SIZE, 0, 0), Section.ADDITIONAL);
            if (udp) {
                limit = Math.max(UDP_SIZE, Math.min(opt.getPayloadSize(), MAX_EDNS_SIZE));
            }
        } else if (udp) {
            limit = UDP_SIZE;
        }
        return response.toWire(limit);
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        List<Record> questions = query.getSection(Section.QUESTION);
        if (questions.size() != 1) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        Record question = questions.get(0);
        response.addRecord(question, Section.QUESTION);
        if (records.inZone(question.getName())) {
            cluster(question, response);
        } else if (!reverse(question, response)) {
            forward(question, query.getHeader().getFlag(Flags.RD), response);
        }
        return response;
    }

    private void cluster(Record question, Message response) {
        ClusterView current = view.get();
        if (current == null) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return;
        }
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        ClusterRecords.Answer answer = records.answer(current, question.getName(), question.getType());
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setRcode(answer.rcode());
        answer.answers().forEach(r -> response.addRecord(r, Section.ANSWER));
        answer.authority().forEach(r -> response.addRecord(r, Section.AUTHORITY));
        answer.additional().forEach(r -> response.addRecord(r, Section.ADDITIONAL));
        if (question.getType() != Type.CNAME && answer.answers().size() == 1
                && answer.answers().get(0) instanceof CNAMERecord cname && !records.inZone(cname.getTarget())) {
            // An ExternalName: resolve its target too, as a recursive server does for the client.
            ask(Record.newRecord(cname.getTarget(), question.getType(), DClass.IN), true)
                    .ifPresent(target -> target.getSection(Section.ANSWER).forEach(r -> response.addRecord(r, Section.ANSWER)));
        }
    }

    /** Answers a PTR question for an address of the cluster's; false when it is none (or not known yet). */
    private boolean reverse(Record question, Message response) {
        ClusterView current = view.get();
        ClusterRecords.Answer answer = current == null || question.getType() != Type.PTR ? null
                : records.reverse(current, question.getName());
        if (answer == null) {
            return false;
        }
        response.getHeader().setFlag(Flags.AA);
        answer.answers().forEach(r -> response.addRecord(r, Section.ANSWER));
        return true;
    }

    private void forward(Record question, boolean recursionDesired, Message response) {
        Optional<Message> answer = ask(question, recursionDesired);
        if (answer.isEmpty()) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return;
        }
        Message upstreamAnswer = answer.get();
        response.getHeader().setRcode(upstreamAnswer.getRcode());
        if (upstreamAnswer.getHeader().getFlag(Flags.AA)) {
            response.getHeader().setFlag(Flags.AA);
        }
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record record : upstreamAnswer.getSection(section)) {
                if (record.getType() != Type.OPT) {
                    response.addRecord(record, section);
                }
            }
        }
    }

    private Optional<Message> ask(Record question, boolean recursionDesired) {
        Message query = Message.newQuery(question);
        if (!recursionDesired) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        return upstream.ask(query);
    }

    /** FORMERR for a packet that has a query's header but does not parse; null for anything less. */
    private static byte[] formatError(byte[] packet) {
        if (packet.length < HEADER_SIZE || (packet[2] & 0x80) != 0) {
            return null;
        }
        byte[] response = new byte[HEADER_SIZE];
        response[0] = packet[0];
        response[1] = packet[1];
        response[2] = (byte) (0x80 | (packet[2] & 0x79)); // QR, the query's opcode and RD
        response[3] = (byte) Rcode.FORMERR;
        return response;
    }
}
