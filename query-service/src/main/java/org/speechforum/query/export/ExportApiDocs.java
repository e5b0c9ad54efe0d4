package org.speechforum.query.export;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CSV columns in the OpenAPI description come from {@link CsvColumns} itself, so they cannot drift. */
@Configuration
class ExportApiDocs {

    @Bean
    OperationCustomizer exportColumns() {
        return (operation, handler) -> {
            if (operation.getDescription() != null && operation.getDescription().contains("{columns}")) {
                operation.setDescription(operation.getDescription().replace("{columns}", CsvColumns.describe()));
            }
            return operation;
        };
    }
}
