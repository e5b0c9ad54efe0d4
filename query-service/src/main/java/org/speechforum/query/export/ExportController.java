package org.speechforum.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.query.index.DocumentIndex;
import org.speechforum.query.index.IndexProperties;
import org.speechforum.query.search.DocumentQueries;
import org.speechforum.query.search.SearchFilters;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /api/v1/export}: every document a search matches, streamed page by page from a point in time
 * ({@link PointInTimePages}) straight into the answer, so an export of any size takes the memory of one page.
 * Everything that can fail before the first byte (bad parameters, Elasticsearch down, the first page) is answered
 * as problem+json; a failure after that cuts the connection, which the client sees as a chunked body without its
 * last chunk (curl exits with 18) and a count short of {@code X-Export-Count}.
 */
@RestController
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final String COUNT_HEADER = "X-Export-Count";

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final ExportProperties properties;

    ExportController(ElasticsearchClient client, IndexProperties index, ExportProperties properties) {
        this.client = client;
        this.index = index;
        this.properties = properties;
    }

    @GetMapping("/api/v1/export")
    @Operation(summary = "Export every matching document (NDJSON or CSV)", description = """
            Takes the filters of GET /api/v1/search and streams every document they match, with no page cap, \
            in index order, from a point in time (documents indexed meanwhile are not included). \
            `format=ndjson` (default): one document per line as GET /api/v1/documents/{id} shows it, without the \
            index's aggregation fields (entityIds, entityTypes, entityIdsByType, entityMentions, threadVersion). \
            `format=csv`: a header line, then one row per document, RFC 4180 quoting, UTF-8, these columns:

            """ + "{columns}" + """

            Compressed with Content-Encoding: gzip when the request's Accept-Encoding takes gzip; `gzip=true` sends \
            a .gz file instead (application/gzip). X-Export-Count gives the number of documents the export holds. \
            Errors before the first byte are problem+json; a failure midway cuts the connection (the chunked \
            body ends without its last chunk), so a short export is never mistaken for a complete one.""")
    @ApiResponse(responseCode = "200", description = "the documents, as an attachment",
            headers = {@Header(name = COUNT_HEADER, description = "documents in the export",
                    schema = @Schema(type = "integer")),
                    @Header(name = "Content-Disposition", description = "attachment; filename=documents-….ndjson")},
            content = {@Content(mediaType = "application/x-ndjson", examples = @ExampleObject(value = """
                    {"id":"2c9770e0ff85a0163919fb1ccce44ce5","kind":"COMMENT","source":"lemmygrad.ml","publishedAt":"2023-11-01T00:00:00Z","publishedAtPrecision":"YEAR","text":"Putin is right about NATO."}
                    """)),
                    @Content(mediaType = "text/csv", examples = @ExampleObject(value = """
                            id,kind,source,externalId,url,title,authorName,authorHandle,authorInstance,publishedAt,publishedAtPrecision,language,parentId,threadRootId,threadDepth,replyCount,upvotes,downvotes,entityIds,entityNames,text
                            2c9770e0ff85a0163919fb1ccce44ce5,COMMENT,lemmygrad.ml,123,,,,cfgaussian,lemmygrad.ml,2023-11-01T00:00:00Z,YEAR,,,,,,34,1,Q7747,Vladimir Putin,"Putin is right about NATO."
                            """))})
    void export(@ParameterObject SearchFilters filters,
                @Parameter(description = "ndjson (default) or csv", example = "csv")
                @RequestParam(required = false) String format,
                @Parameter(description = "true: send a .gz file (application/gzip) whatever Accept-Encoding says")
                @RequestParam(defaultValue = "false") boolean gzip,
                @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false)
                String acceptEncoding,
                HttpServletResponse response) throws IOException {
        ExportFormat shape = ExportFormat.parse(format);
        Query query = Query.of(q -> q.bool(b -> b.filter(DocumentQueries.of(filters.params()))
                .filter(DocumentIndex.readFilter())));
        Compression compression = Compression.choose(acceptEncoding, gzip);
        try (PointInTimePages pages = PointInTimePages.open(client, index.readAlias(), query, properties)) {
            List<ObjectNode> page = pages.next();
            start(response, shape, compression, pages.total());
            stream(response, shape, compression, pages, page);
        }
    }

    private static void start(HttpServletResponse response, ExportFormat shape, Compression compression, long total) {
        String name = "documents-" + STAMP.format(Instant.now()) + "." + shape.extension();
        response.setStatus(200);
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(COUNT_HEADER, Long.toString(total));
        switch (compression) {
            case GZIP_FILE -> {
                response.setContentType("application/gzip");
                name += ".gz";
            }
            case CONTENT_ENCODING -> {
                response.setContentType(shape.mediaType() + ";charset=UTF-8");
                response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            }
            case NONE -> response.setContentType(shape.mediaType() + ";charset=UTF-8");
        }
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
    }

    private static void stream(HttpServletResponse response, ExportFormat shape, Compression compression,
                               PointInTimePages pages, List<ObjectNode> first) throws IOException {
        long written = 0;
        List<ObjectNode> page = first;
        try {
            OutputStream body = response.getOutputStream();
            GZIPOutputStream zipped = compression == Compression.NONE ? null : new GZIPOutputStream(body, 64 * 1024);
            DocumentWriter writer = shape.open(zipped == null ? body : zipped);
            while (true) {
                for (ObjectNode document : page) {
                    writer.write(document);
                    written++;
                }
                writer.flush();
                if (pages.exhausted()) {
                    break;
                }
                page = nextPage(pages, written);
            }
            if (zipped != null) {
                zipped.finish();
            }
            body.flush();
        } catch (IOException e) {
            // Writing failed: the client went away (or its connection broke). Nothing to answer; the point in
            // time is closed by the caller.
            log.info("Export stopped after {} of {} documents: the client is gone ({})", written, pages.total(),
                    e.toString());
        }
    }

    private static List<ObjectNode> nextPage(PointInTimePages pages, long written) {
        try {
            return pages.next();
        } catch (IOException | RuntimeException e) {
            throw new ExportInterrupted(written, e);
        }
    }

    /**
     * After the 200 no error body may go into the export: rethrown, the failure leaves Spring MVC unanswered and
     * Tomcat closes the connection at once, without the body's last chunk.
     */
    @ExceptionHandler
    void interrupted(ExportInterrupted e) {
        log.warn("{}; cutting the connection so the client sees a truncated body", e.getMessage(), e.getCause());
        throw e;
    }
}
