package io.dnssd.boot.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import io.dnssd.boot.model.LookupFailedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.WireParseException;

/**
 * Sends queries through a dnsjava {@link Resolver}, which retries over TCP when a UDP
 * answer is truncated. A UDP reply that cannot be taken (a wrong id or question, a
 * malformed message: what an off-path spoofer or a broken middlebox sends) fails
 * dnsjava's query at once instead of being ignored while the real answer is awaited, so
 * the query is asked again, once, over TCP, where no one off the path can answer in the
 * server's place. Relative names are tried with the search domains as a stub resolver
 * does; batches of queries run in parallel with a bound on the number in flight. A
 * timeout or an unreachable server is a {@link LookupFailedException}.
 */
final class DnsQueryClient {

	private static final Log logger = LogFactory.getLog(DnsQueryClient.class);

	private final Resolver resolver;

	private final Resolver tcpResolver;

	private final List<Name> searchPath;

	private final int ndots;

	private final Semaphore permits;

	DnsQueryClient(Resolver resolver, Resolver tcpResolver, List<Name> searchPath, int ndots,
			int maxConcurrentQueries) {
		this.resolver = resolver;
		this.tcpResolver = tcpResolver;
		this.searchPath = List.copyOf(searchPath);
		this.ndots = ndots;
		this.permits = new Semaphore(Math.max(1, maxConcurrentQueries));
	}

	/**
	 * Queries one name. A relative name is tried with each search domain until an answer
	 * has records of the type; an error answer (such as REFUSED) moves on to the next
	 * candidate.
	 * @param name the name, without trailing dot
	 * @param absolute whether the name is fully qualified
	 * @param type the record type
	 * @return the first answer with records of the type, else the last NOERROR or
	 * NXDOMAIN answer
	 * @throws LookupFailedException if a query times out or every candidate gets an error
	 * answer
	 */
	DnsAnswer query(String name, boolean absolute, int type) {
		DnsAnswer answer = null;
		DnsAnswer error = null;
		for (Name candidate : candidates(name, absolute)) {
			DnsAnswer candidateAnswer = send(List.of(new DnsQuestion(candidate, type))).get(0);
			if (candidateAnswer.isError()) {
				error = (error != null) ? error : candidateAnswer;
				continue;
			}
			answer = candidateAnswer;
			if (!answer.records(type).isEmpty()) {
				return answer;
			}
		}
		if (answer == null) {
			if (error == null) {
				throw new LookupFailedException("DNS query for '" + name + "' has no name to ask");
			}
			throw new LookupFailedException("DNS query " + error.question() + " failed: the server answered "
					+ Rcode.string(error.message().getRcode()));
		}
		return answer;
	}

	/**
	 * Sends all questions, at most the configured number at a time, and waits for every
	 * answer. An error answer (such as REFUSED or SERVFAIL) to one of them counts as
	 * having no records, with a WARN line; only a failure to get an answer fails the
	 * batch.
	 * @param questions fully qualified questions
	 * @return the answers, in the order of the questions
	 * @throws LookupFailedException if any query times out or cannot be sent
	 */
	List<DnsAnswer> queryAll(List<DnsQuestion> questions) {
		List<DnsAnswer> answers = send(questions);
		for (DnsAnswer answer : answers) {
			if (answer.isError()) {
				RecordWarnings.warn(logger, "DNS query " + answer.question() + " answered "
						+ Rcode.string(answer.message().getRcode()) + "; treated as having no records");
			}
		}
		return answers;
	}

	/**
	 * Asks one fully qualified question over TCP, where an answer is not cut to fit a
	 * datagram: for a UDP answer from which the server left out additional records.
	 * @param question the question
	 * @return the answer
	 * @throws LookupFailedException if the query times out or cannot be sent
	 */
	DnsAnswer queryOverTcp(DnsQuestion question) {
		return send(List.of(question), this.tcpResolver).get(0);
	}

	private List<DnsAnswer> send(List<DnsQuestion> questions) {
		return send(questions, this.resolver);
	}

	private List<DnsAnswer> send(List<DnsQuestion> questions, Resolver transport) {
		List<CompletableFuture<Message>> pending = new ArrayList<>(questions.size());
		for (DnsQuestion question : questions) {
			acquirePermit(question);
			Message query = Message.newQuery(Record.newRecord(question.name(), question.type(), DClass.IN));
			pending.add(transport.sendAsync(query)
				.toCompletableFuture()
				.exceptionallyCompose((failure) -> askOverTcp(question, query, failure))
				.whenComplete((message, failure) -> this.permits.release()));
		}
		List<DnsAnswer> answers = new ArrayList<>(questions.size());
		for (int i = 0; i < questions.size(); i++) {
			answers.add(answer(questions.get(i), pending.get(i)));
		}
		return answers;
	}

	private CompletableFuture<Message> askOverTcp(DnsQuestion question, Message query, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (!(cause instanceof WireParseException)) {
			return CompletableFuture.failedFuture(failure);
		}
		RecordWarnings.warn(logger, "A reply to DNS query " + question + " could not be taken (malformed, or not"
				+ " an answer to it); asking again over TCP");
		if (logger.isDebugEnabled()) {
			logger.debug("Reply to DNS query " + question + " not taken: " + cause.getMessage());
		}
		return this.tcpResolver.sendAsync(query).toCompletableFuture();
	}

	private DnsAnswer answer(DnsQuestion question, CompletableFuture<Message> pending) {
		Message message;
		try {
			message = pending.join();
		}
		catch (CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new LookupFailedException("DNS query " + question + " failed: " + cause, cause);
		}
		if (message.getHeader().getFlag(Flags.TC)) {
			throw new LookupFailedException("The answer to DNS query " + question + " does not fit one DNS message, not"
					+ " even over TCP (TC=1); it is not taken as having no records");
		}
		return new DnsAnswer(question, message);
	}

	private void acquirePermit(DnsQuestion question) {
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LookupFailedException("Interrupted before DNS query " + question, ex);
		}
	}

	private List<Name> candidates(String name, boolean absolute) {
		Name relative;
		try {
			relative = Name.fromString(name);
		}
		catch (TextParseException ex) {
			throw new LookupFailedException("'" + name + "' is not a valid DNS name: " + ex.getMessage(), ex);
		}
		List<Name> candidates = new ArrayList<>();
		Name asIs = concatenate(relative, Name.root);
		if (absolute) {
			return List.of(asIs);
		}
		boolean enoughDots = relative.labels() - 1 >= this.ndots;
		if (enoughDots) {
			candidates.add(asIs);
		}
		for (Name domain : this.searchPath) {
			candidates.add(concatenate(relative, domain));
		}
		if (!enoughDots) {
			candidates.add(asIs);
		}
		return candidates;
	}

	private static Name concatenate(Name prefix, Name suffix) {
		try {
			return Name.concatenate(prefix, suffix);
		}
		catch (NameTooLongException ex) {
			throw new LookupFailedException("Name '" + prefix + "." + suffix + "' is longer than DNS allows", ex);
		}
	}

}
