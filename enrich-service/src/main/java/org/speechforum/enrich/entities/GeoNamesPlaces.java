package org.speechforum.enrich.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code entities/geonames-places.tsv} (surface form, GeoNames id, name, country, population; {@code #}
 * comments), generated from GeoNames data (CC BY 4.0) by {@code enrich-service/src/main/geonames/build-places.sh}.
 * Each GeoNames id becomes one LOCATION with id {@code geonames:<id>}, whose forms are all exact-case
 * ({@link CuratedEntity#caseSensitive()} lists every form, the name included).
 */
final class GeoNamesPlaces {

    private GeoNamesPlaces() {
    }

    static List<CuratedEntity> read(InputStream tsv) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> forms = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3 || f[0].isEmpty() || !f[1].chars().allMatch(Character::isDigit)) {
                    throw new IllegalStateException("geonames-places.tsv line " + number + " is malformed: " + line);
                }
                String id = "geonames:" + f[1];
                names.putIfAbsent(id, f[2]);
                forms.computeIfAbsent(id, k -> new ArrayList<>()).add(f[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CuratedEntity> out = new ArrayList<>(names.size());
        names.forEach((id, name) -> out.add(new CuratedEntity(id, name, EntityType.LOCATION, List.of(), List.of(),
                List.of(), forms.get(id))));
        return out;
    }
}
