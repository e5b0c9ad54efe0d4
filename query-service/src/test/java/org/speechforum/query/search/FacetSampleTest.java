package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.SamplerAggregate;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonpDeserializer;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import jakarta.json.stream.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FacetSampleTest {

    @Test
    void countsEveryMatchUpToTwiceTheSampleSize() {
        assertThat(FacetSample.probability(0, 10_000)).isEqualTo(1);
        assertThat(FacetSample.probability(20_000, 10_000)).isEqualTo(1);
        assertThat(FacetSample.probability(20_001, 10_000)).isLessThan(0.5);
        assertThat(FacetSample.probability(1_000_000, 10_000)).isEqualTo(0.01);
    }

    @Test
    void readsTheSamplerBucketTheClientHasNoTypeFor() {
        JsonpMapper mapper = new Jackson3JsonpMapper();
        // An answer as Elasticsearch 9 gives it with typed_keys, as the client asks.
        String body = """
                {"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"hits":[]},
                 "aggregations":{"random_sampler#sample":{"seed":18,"probability":0.01,"doc_count":9871,
                   "sterms#kinds":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
                     "buckets":[{"key":"COMMENT","doc_count":731200},{"key":"SPEECH","doc_count":255900}]}}}}""";
        SearchResponse<Object> response;
        try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(body))) {
            response = SearchResponse.createSearchResponseDeserializer(
                    JsonpDeserializer.of(Object.class)).deserialize(parser, mapper);
        }
        SamplerAggregate bucket = FacetSample.bucket(response.aggregations(), mapper);
        assertThat(bucket.docCount()).isEqualTo(9871);
        Aggregate kinds = bucket.aggregations().get("kinds");
        assertThat(kinds.sterms().buckets().array()).extracting(b -> b.key().stringValue())
                .containsExactly("COMMENT", "SPEECH");
    }

    @Test
    void anAnswerWithoutTheSamplerIsAnErrorNotEmptyFacets() {
        assertThatThrownBy(() -> FacetSample.bucket(Map.of(), new Jackson3JsonpMapper()))
                .isInstanceOf(IllegalStateException.class);
    }
}
