package org.flowcoin.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads the checked-in vector files (see src/test/resources/ed25519/README.md) and our expected verdicts. */
final class Ed25519TestVectors {
    private Ed25519TestVectors() {}

    private static final HexFormat HEX = HexFormat.of();

    /** One verification case with the verdict our consensus rules require. */
    record Case(String id, byte[] pub, byte[] msg, byte[] sig, boolean expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** An RFC 8032 section 7.1 vector: seed, public key, message, signature. */
    record Rfc(String name, byte[] seed, byte[] pub, byte[] msg, byte[] sig) {}

    static String resource(String name) {
        try (InputStream in = Ed25519TestVectors.class.getResourceAsStream("/ed25519/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Rfc> rfc8032() {
        List<Rfc> out = new ArrayList<>();
        String name = null;
        byte[] seed = null, pub = null, msg = null;
        for (String line : resource("rfc8032_ed25519.txt").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            int c = line.indexOf(':');
            String key = line.substring(0, c), val = line.substring(c + 1).trim();
            switch (key) {
                case "name" -> name = val;
                case "secret" -> seed = HEX.parseHex(val);
                case "public" -> pub = HEX.parseHex(val);
                case "message" -> msg = HEX.parseHex(val);
                case "signature" -> out.add(new Rfc(name, seed, pub, msg, HEX.parseHex(val)));
                default -> throw new IllegalStateException(line);
            }
        }
        return out;
    }

    static List<Case> rfc8032Cases() {
        List<Case> out = new ArrayList<>();
        for (Rfc r : rfc8032()) out.add(new Case("RFC 8032 " + r.name(), r.pub(), r.msg(), r.sig(), true));
        return out;
    }

    /**
     * Wycheproof cases whose "valid" verdict our consensus rules reverse, with the reason. Empty
     * when the file agrees with our rules on every case; the test asserts this set exactly, so a
     * new disagreement cannot go unnoticed.
     */
    static final Map<Integer, String> WYCHEPROOF_DEVIATIONS = Map.of();

    @SuppressWarnings("unchecked")
    static List<Case> wycheproofCases() {
        Map<String, Object> root = (Map<String, Object>) Ed25519TestJson.parse(resource("wycheproof_ed25519_test.json"));
        List<Case> out = new ArrayList<>();
        for (Object g : (List<Object>) root.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            byte[] pub = HEX.parseHex((String) ((Map<String, Object>) group.get("publicKey")).get("pk"));
            for (Object t : (List<Object>) group.get("tests")) {
                Map<String, Object> tc = (Map<String, Object>) t;
                int id = ((Long) tc.get("tcId")).intValue();
                String result = (String) tc.get("result");
                if (!Set.of("valid", "invalid").contains(result)) throw new IllegalStateException(result);
                boolean expected = result.equals("valid") ^ WYCHEPROOF_DEVIATIONS.containsKey(id);
                out.add(new Case("Wycheproof tcId " + id + " " + tc.get("comment"), pub,
                        HEX.parseHex((String) tc.get("msg")), HEX.parseHex((String) tc.get("sig")), expected));
            }
        }
        return out;
    }

    /**
     * Our verdicts on the 12 "Taming the many EdDSAs" cases (tabulated in docs/spec/crypto.md):
     * small-order A or R rejected (0, 1, 2), mixed-order A and R accepted by the cofactored
     * equation (3, 4, 5), S >= L rejected (6, 7), non-canonical R or A rejected (8-11).
     */
    static final boolean[] SPECCHECK_VERDICTS = {
        false, false, false, true, true, true, false, false, false, false, false, false
    };

    @SuppressWarnings("unchecked")
    static List<Case> speccheckCases() {
        List<Object> all = (List<Object>) Ed25519TestJson.parse(resource("speccheck_cases.json"));
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> c = (Map<String, Object>) all.get(i);
            out.add(new Case("speccheck " + i, HEX.parseHex((String) c.get("pub_key")),
                    HEX.parseHex((String) c.get("message")), HEX.parseHex((String) c.get("signature")),
                    SPECCHECK_VERDICTS[i]));
        }
        return out;
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>(rfc8032Cases());
        out.addAll(wycheproofCases());
        out.addAll(speccheckCases());
        return out;
    }
}
