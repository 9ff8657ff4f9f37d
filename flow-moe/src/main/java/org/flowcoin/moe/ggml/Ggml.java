package org.flowcoin.moe.ggml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.flowcoin.ggml.natives.GgmlNatives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Hand-written Panama bindings to the ggml 0.25.1 shared libraries of module
 * {@code org.flowcoin.ggml.natives}, loaded once per JVM.
 *
 * <p>Derived by hand from the 0.25.1 headers {@code ggml.h}, {@code ggml-cpu.h} and {@code gguf.h}
 * (the same source tree the libraries are built from): C {@code size_t}/{@code int64_t} map to
 * {@code JAVA_LONG}, {@code int}/{@code enum} to {@code JAVA_INT}, {@code bool} to
 * {@code JAVA_BOOLEAN}, pointers to {@code ADDRESS}. {@code struct ggml_init_params} (24 bytes) and
 * {@code struct gguf_init_params} (16 bytes) are passed by value. The only field of
 * {@code struct ggml_tensor} accessed directly is {@code data} (offset 248 of 336 bytes), to point
 * weight tensors at memory the JVM owns; {@link #load()} checks that offset against
 * {@code ggml_get_data}, the struct size against {@code ggml_tensor_overhead()}, {@code ggml_type_size}
 * of F32/I32, and the version string, before anything else is called.
 *
 * <p>Loading: the libraries are copied from the jar to
 * {@code ${java.io.tmpdir}/flowcoin-ggml-<hash>/} (checked against the jar's SHA256SUMS) and opened
 * with {@link SymbolLookup#libraryLookup(Path, Arena)} in the order base, cpu, ggml; base opened
 * first by absolute path satisfies the others' {@code DT_NEEDED}. Needs
 * {@code --enable-native-access=org.flowcoin.moe}.
 *
 * <p>CPU backend: the jar carries two builds of {@code libggml-cpu} from the same source, one for
 * AVX2 + FMA + F16C and one for AVX-512; the second is loaded where the CPU has AVX-512 F/CD/VL/DQ/BW.
 * {@link #load(String)} ({@code auto}, {@code avx2}, {@code avx512}) forces one; the library reads
 * no system property of its own.
 * Each build is deterministic on its own; the two need not give the same bits (their kernels sum in
 * different orders), which is one more reason ggml never decides consensus.
 *
 * <pre>{@code
 * Ggml g = Ggml.load();                 // throws GgmlUnavailableException when unusable here
 * System.out.println(g.version());      // "0.25.1"
 * }</pre>
 */
public final class Ggml {
    /** Version the bindings were written against; {@code ggml_version()} must equal it. */
    public static final String EXPECTED_VERSION = GgmlNatives.GGML_VERSION;
    /** The CPU backend choices of {@link #load(String)}: {@code auto} (the default), {@code avx2}, {@code avx512}. */
    public static final java.util.List<String> CPU_VARIANTS = java.util.List.of("auto", "avx2", "avx512");

    /** {@code GGML_TYPE_F32}. */
    public static final int TYPE_F32 = 0;
    /** {@code GGML_TYPE_I32}. */
    public static final int TYPE_I32 = 26;
    /** {@code GGML_ROPE_TYPE_NORMAL}: rotates adjacent pairs (2i, 2i+1). */
    public static final int ROPE_TYPE_NORMAL = 0;
    /** {@code GGML_STATUS_SUCCESS}. */
    public static final int STATUS_SUCCESS = 0;

    /** {@code sizeof(struct ggml_tensor)} in 0.25.1. */
    static final long TENSOR_SIZE = 336;
    /** {@code offsetof(struct ggml_tensor, ne)}. */
    static final long TENSOR_NE_OFFSET = 16;
    /** {@code offsetof(struct ggml_tensor, nb)}. */
    static final long TENSOR_NB_OFFSET = 48;
    /** {@code offsetof(struct ggml_tensor, data)}. */
    static final long TENSOR_DATA_OFFSET = 248;

    /** {@code struct ggml_init_params { size_t mem_size; void *mem_buffer; bool no_alloc; }}. */
    static final StructLayout INIT_PARAMS = MemoryLayout.structLayout(
            JAVA_LONG.withName("mem_size"), ADDRESS.withName("mem_buffer"),
            JAVA_BOOLEAN.withName("no_alloc"), MemoryLayout.paddingLayout(7));
    /**
     * {@code struct ggml_cplan { size_t work_size; uint8_t *work_data; int n_threads; struct ggml_threadpool
     * *threadpool; ggml_abort_callback abort_callback; void *abort_callback_data; bool use_ref; }}: 56 bytes.
     */
    static final StructLayout CPLAN = MemoryLayout.structLayout(
            JAVA_LONG.withName("work_size"), ADDRESS.withName("work_data"), JAVA_INT.withName("n_threads"),
            MemoryLayout.paddingLayout(4), ADDRESS.withName("threadpool"), ADDRESS.withName("abort_callback"),
            ADDRESS.withName("abort_callback_data"), JAVA_BOOLEAN.withName("use_ref"), MemoryLayout.paddingLayout(7));
    /**
     * {@code struct ggml_threadpool_params { bool cpumask[GGML_MAX_N_THREADS = 512]; int n_threads; enum
     * ggml_sched_priority prio; uint32_t poll; bool strict_cpu; bool paused; }}: 528 bytes.
     */
    static final long THREADPOOL_PARAMS_SIZE = 528;
    static final long THREADPOOL_PARAMS_POLL_OFFSET = 520;

    /** {@code struct gguf_init_params { bool no_alloc; struct ggml_context **ctx; }}. */
    static final StructLayout GGUF_INIT_PARAMS = MemoryLayout.structLayout(
            JAVA_BOOLEAN.withName("no_alloc"), MemoryLayout.paddingLayout(7), ADDRESS.withName("ctx"));

    private static volatile Ggml instance;
    private static volatile GgmlUnavailableException failure;

    private final Map<String, MethodHandle> handles = new HashMap<>();
    private final SymbolLookup lookup;
    private final String version;
    private final Path directory;
    private final String cpuVariant;

    // Context, tensors, graph.
    final MethodHandle init, free, getTensor, newTensor1d, newTensor2d, newTensor3d, getData, nbytes, tensorOverhead, typeSize,
            graphOverheadCustom, newGraphCustom, buildForwardExpand, graphCompute, usedMem,
            graphPlan, graphComputePlan, threadpoolParamsInit, threadpoolNew, threadpoolFree;
    // Operations.
    final MethodHandle mulMat, mulMatId, add, mul, rmsNorm, rope, scale, diagMaskInf, softMax, swigluSplit, getRows,
            view1d, view2d, view3d, reshape2d, reshape3d, permute, cont, repeat4d, cast, argsortTopK, setInput, setOutput,
            arange, reshape1d, scaleInplace, sum, addInplace, custom4d, cpy;
    // Training: parameters, loss, backward graph, optimizer.
    final MethodHandle setParam, setLoss, crossEntropyLoss, buildBackwardExpand, graphNNodes, graphNode, graphGetGradAcc, getGrad,
            optStepAdamw;
    // Graph allocator (reuses activation memory across the nodes of one graph).
    final MethodHandle gallocrNew, gallocrAllocGraph, gallocrFree, cpuBufferType;
    // GGUF.
    final MethodHandle ggufInitFromFile, ggufFree, ggufGetVersion, ggufGetAlignment, ggufGetDataOffset, ggufGetNKv,
            ggufFindKey, ggufGetKvType, ggufGetValU32, ggufGetValStr, ggufGetNTensors, ggufFindTensor,
            ggufGetTensorOffset, ggufGetTensorType, ggufGetTensorSize, ggufGetTensorNe;

    private Ggml(SymbolLookup lookup, Path directory, String cpuVariant) {
        this.lookup = lookup;
        this.directory = directory;
        this.cpuVariant = cpuVariant;
        var A = ADDRESS;
        var L = JAVA_LONG;
        var I = JAVA_INT;
        var F = JAVA_FLOAT;
        init = h("ggml_init", FunctionDescriptor.of(A, INIT_PARAMS));
        free = h("ggml_free", FunctionDescriptor.ofVoid(A));
        getTensor = h("ggml_get_tensor", FunctionDescriptor.of(A, A, A));
        newTensor1d = h("ggml_new_tensor_1d", FunctionDescriptor.of(A, A, I, L));
        newTensor2d = h("ggml_new_tensor_2d", FunctionDescriptor.of(A, A, I, L, L));
        newTensor3d = h("ggml_new_tensor_3d", FunctionDescriptor.of(A, A, I, L, L, L));
        getData = h("ggml_get_data", FunctionDescriptor.of(A, A));
        nbytes = h("ggml_nbytes", FunctionDescriptor.of(L, A));
        tensorOverhead = h("ggml_tensor_overhead", FunctionDescriptor.of(L));
        typeSize = h("ggml_type_size", FunctionDescriptor.of(L, I));
        graphOverheadCustom = h("ggml_graph_overhead_custom", FunctionDescriptor.of(L, L, JAVA_BOOLEAN));
        newGraphCustom = h("ggml_new_graph_custom", FunctionDescriptor.of(A, A, L, JAVA_BOOLEAN));
        buildForwardExpand = h("ggml_build_forward_expand", FunctionDescriptor.ofVoid(A, A));
        graphCompute = h("ggml_graph_compute_with_ctx", FunctionDescriptor.of(I, A, A, I));
        usedMem = h("ggml_used_mem", FunctionDescriptor.of(L, A));
        graphPlan = h("ggml_graph_plan", FunctionDescriptor.of(CPLAN, A, I, A));
        graphComputePlan = h("ggml_graph_compute", FunctionDescriptor.of(I, A, A));
        threadpoolParamsInit = h("ggml_threadpool_params_init", FunctionDescriptor.ofVoid(A, I));
        threadpoolNew = h("ggml_threadpool_new", FunctionDescriptor.of(A, A));
        threadpoolFree = h("ggml_threadpool_free", FunctionDescriptor.ofVoid(A));
        mulMat = h("ggml_mul_mat", FunctionDescriptor.of(A, A, A, A));
        mulMatId = h("ggml_mul_mat_id", FunctionDescriptor.of(A, A, A, A, A));
        add = h("ggml_add", FunctionDescriptor.of(A, A, A, A));
        mul = h("ggml_mul", FunctionDescriptor.of(A, A, A, A));
        rmsNorm = h("ggml_rms_norm", FunctionDescriptor.of(A, A, A, F));
        rope = h("ggml_rope", FunctionDescriptor.of(A, A, A, A, I, I));
        scale = h("ggml_scale", FunctionDescriptor.of(A, A, A, F));
        diagMaskInf = h("ggml_diag_mask_inf", FunctionDescriptor.of(A, A, A, I));
        softMax = h("ggml_soft_max", FunctionDescriptor.of(A, A, A));
        swigluSplit = h("ggml_swiglu_split", FunctionDescriptor.of(A, A, A, A));
        getRows = h("ggml_get_rows", FunctionDescriptor.of(A, A, A, A));
        view1d = h("ggml_view_1d", FunctionDescriptor.of(A, A, A, L, L));
        view2d = h("ggml_view_2d", FunctionDescriptor.of(A, A, A, L, L, L, L));
        view3d = h("ggml_view_3d", FunctionDescriptor.of(A, A, A, L, L, L, L, L, L));
        reshape2d = h("ggml_reshape_2d", FunctionDescriptor.of(A, A, A, L, L));
        reshape3d = h("ggml_reshape_3d", FunctionDescriptor.of(A, A, A, L, L, L));
        permute = h("ggml_permute", FunctionDescriptor.of(A, A, A, I, I, I, I));
        cont = h("ggml_cont", FunctionDescriptor.of(A, A, A));
        arange = h("ggml_arange", FunctionDescriptor.of(A, A, F, F, F));
        reshape1d = h("ggml_reshape_1d", FunctionDescriptor.of(A, A, A, L));
        scaleInplace = h("ggml_scale_inplace", FunctionDescriptor.of(A, A, A, F));
        sum = h("ggml_sum", FunctionDescriptor.of(A, A, A));
        addInplace = h("ggml_add_inplace", FunctionDescriptor.of(A, A, A, A));
        cpy = h("ggml_cpy", FunctionDescriptor.of(A, A, A, A));
        custom4d = h("ggml_custom_4d", FunctionDescriptor.of(A, A, I, L, L, L, L, A, I, A, I, A));
        setParam = h("ggml_set_param", FunctionDescriptor.ofVoid(A));
        setLoss = h("ggml_set_loss", FunctionDescriptor.ofVoid(A));
        crossEntropyLoss = h("ggml_cross_entropy_loss", FunctionDescriptor.of(A, A, A, A));
        buildBackwardExpand = h("ggml_build_backward_expand", FunctionDescriptor.ofVoid(A, A, A));
        graphNNodes = h("ggml_graph_n_nodes", FunctionDescriptor.of(I, A));
        graphNode = h("ggml_graph_node", FunctionDescriptor.of(A, A, I));
        graphGetGradAcc = h("ggml_graph_get_grad_acc", FunctionDescriptor.of(A, A, A));
        getGrad = h("ggml_graph_get_grad", FunctionDescriptor.of(A, A, A));
        optStepAdamw = h("ggml_opt_step_adamw", FunctionDescriptor.of(A, A, A, A, A, A, A));
        repeat4d = h("ggml_repeat_4d", FunctionDescriptor.of(A, A, A, L, L, L, L));
        cast = h("ggml_cast", FunctionDescriptor.of(A, A, A, I));
        argsortTopK = h("ggml_argsort_top_k", FunctionDescriptor.of(A, A, A, I));
        setInput = h("ggml_set_input", FunctionDescriptor.ofVoid(A));
        setOutput = h("ggml_set_output", FunctionDescriptor.ofVoid(A));
        gallocrNew = h("ggml_gallocr_new", FunctionDescriptor.of(A, A));
        gallocrAllocGraph = h("ggml_gallocr_alloc_graph", FunctionDescriptor.of(JAVA_BOOLEAN, A, A));
        gallocrFree = h("ggml_gallocr_free", FunctionDescriptor.ofVoid(A));
        cpuBufferType = h("ggml_backend_cpu_buffer_type", FunctionDescriptor.of(A));
        ggufInitFromFile = h("gguf_init_from_file", FunctionDescriptor.of(A, A, GGUF_INIT_PARAMS));
        ggufFree = h("gguf_free", FunctionDescriptor.ofVoid(A));
        ggufGetVersion = h("gguf_get_version", FunctionDescriptor.of(I, A));
        ggufGetAlignment = h("gguf_get_alignment", FunctionDescriptor.of(L, A));
        ggufGetDataOffset = h("gguf_get_data_offset", FunctionDescriptor.of(L, A));
        ggufGetNKv = h("gguf_get_n_kv", FunctionDescriptor.of(L, A));
        ggufFindKey = h("gguf_find_key", FunctionDescriptor.of(L, A, A));
        ggufGetKvType = h("gguf_get_kv_type", FunctionDescriptor.of(I, A, L));
        ggufGetValU32 = h("gguf_get_val_u32", FunctionDescriptor.of(I, A, L));
        ggufGetValStr = h("gguf_get_val_str", FunctionDescriptor.of(A, A, L));
        ggufGetNTensors = h("gguf_get_n_tensors", FunctionDescriptor.of(L, A));
        ggufFindTensor = h("gguf_find_tensor", FunctionDescriptor.of(L, A, A));
        ggufGetTensorOffset = h("gguf_get_tensor_offset", FunctionDescriptor.of(L, A, L));
        ggufGetTensorType = h("gguf_get_tensor_type", FunctionDescriptor.of(I, A, L));
        ggufGetTensorSize = h("gguf_get_tensor_size", FunctionDescriptor.of(L, A, L));
        ggufGetTensorNe = h("gguf_get_tensor_ne", FunctionDescriptor.of(A, A, L));
        MethodHandle ver = h("ggml_version", FunctionDescriptor.of(A));
        try {
            this.version = ((MemorySegment) ver.invokeExact()).reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw new GgmlUnavailableException("ggml_version failed", t);
        }
    }

    private MethodHandle h(String name, FunctionDescriptor fd) {
        MemorySegment sym = lookup.find(name)
                .orElseThrow(() -> new GgmlUnavailableException("ggml symbol missing: " + name));
        MethodHandle mh = Linker.nativeLinker().downcallHandle(sym, fd);
        handles.put(name, mh);
        return mh;
    }

    /**
     * The loaded library (loaded and checked on first call).
     *
     * @throws GgmlUnavailableException if ggml cannot be used on this machine; the same exception is
     *     rethrown on later calls
     */
    public static Ggml load() {
        Ggml g = instance;
        if (g != null) return g;
        return load("auto");
    }

    /**
     * The loaded library with the CPU backend {@code cpuVariant} ({@code auto}, {@code avx2} or
     * {@code avx512}). The libraries stay loaded for the life of the JVM, so the first load
     * decides: call this before anything else uses ggml (benchmarks, tests that compare builds).
     *
     * @throws GgmlUnavailableException if ggml cannot be used here, the CPU lacks the variant, or
     *     another variant is already loaded
     */
    public static Ggml load(String cpuVariant) {
        if (!CPU_VARIANTS.contains(cpuVariant)) {
            throw new GgmlUnavailableException("the ggml CPU backend must be auto, avx2 or avx512, not " + cpuVariant);
        }
        synchronized (Ggml.class) {
            if (instance != null) {
                if (!cpuVariant.equals("auto") && !cpuVariant.equals(instance.cpuVariant)) {
                    throw new GgmlUnavailableException("ggml is already loaded with the " + instance.cpuVariant + " CPU backend");
                }
                return instance;
            }
            if (failure != null) throw new GgmlUnavailableException(failure.getMessage(), failure);
            try {
                instance = doLoad(cpuVariant);
                return instance;
            } catch (GgmlUnavailableException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** True when {@link #load()} succeeds. */
    public static boolean isAvailable() {
        try {
            load();
            return true;
        } catch (GgmlUnavailableException e) {
            return false;
        }
    }

    /** True on the platforms the native jar carries libraries for (Linux on x86-64). */
    public static boolean platformSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The string returned by {@code ggml_version()}. */
    public String version() {
        return version;
    }

    /** The CPU backend in use: {@code avx2} or {@code avx512} (see {@link #load(String)}). */
    public String cpuVariant() {
        return cpuVariant;
    }

    /** Folder the libraries were extracted to. */
    public Path directory() {
        return directory;
    }

    /** True when the native-library module is present (it is an optional dependency of this module). */
    public static boolean nativesPresent() {
        try {
            Class.forName("org.flowcoin.ggml.natives.GgmlNatives", false, Ggml.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        Module natives = Ggml.class.getModule().getLayer() == null ? null
                : Ggml.class.getModule().getLayer().findModule("org.flowcoin.ggml.natives").orElse(null);
        return !Ggml.class.getModule().isNamed() || (natives != null && Ggml.class.getModule().canRead(natives));
    }

    private static Ggml doLoad(String cpuVariant) {
        if (!nativesPresent()) {
            throw new GgmlUnavailableException("ggml backend: the native libraries are missing; add the dependency "
                    + "org.flowcoin:flow-ggml-native, classifier linux-x86_64 (on the module path also --add-modules org.flowcoin.ggml.natives, "
                    + "or requires org.flowcoin.ggml.natives in your module)");
        }
        if (!platformSupported()) {
            throw new GgmlUnavailableException("ggml backend: only linux-x86_64 is supported, this is "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        String cpuLib = cpuLibrary(cpuFlags(), cpuVariant);
        Path dir = extract(cpuLib);
        // Global arena: the libraries stay loaded for the JVM's lifetime (unloading under live handles is unsafe).
        Arena arena = Arena.global();
        SymbolLookup lookup = null;
        for (String name : GgmlNatives.LIBRARIES) {
            String lib = name.equals(GgmlNatives.CPU_AVX2) ? cpuLib : name;
            SymbolLookup l;
            try {
                l = SymbolLookup.libraryLookup(dir.resolve(lib), arena);
            } catch (IllegalArgumentException e) {
                throw new GgmlUnavailableException("cannot load " + dir.resolve(lib) + ": " + e.getMessage(), e);
            } catch (IllegalCallerException e) {
                throw new GgmlUnavailableException("native access denied; run with --enable-native-access=org.flowcoin.moe", e);
            }
            lookup = lookup == null ? l : lookup.or(l);
        }
        Ggml g = new Ggml(lookup, dir, cpuLib.equals(GgmlNatives.CPU_AVX512) ? "avx512" : "avx2");
        g.selfCheck();
        return g;
    }

    /**
     * The CPU flags of /proc/cpuinfo. ggml is built for AVX2 + FMA + F16C (and a second CPU backend
     * for AVX-512); on a CPU without what a library needs it would die with SIGILL, so refuse early.
     */
    private static java.util.Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        String text;
        try {
            text = Files.readString(cpuinfo, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new GgmlUnavailableException("cannot read /proc/cpuinfo to check AVX2/FMA", e);
        }
        String flags = text.lines().filter(l -> l.startsWith("flags")).findFirst().orElse("");
        return java.util.Set.of(flags.substring(flags.indexOf(':') + 1).trim().split("\\s+"));
    }

    /**
     * The CPU backend to load: {@code auto} picks the AVX-512 build where the CPU has every flag it
     * needs, else the AVX2 build; {@code avx2} or {@code avx512} force one (refused if the CPU lacks it).
     */
    static String cpuLibrary(java.util.Set<String> flags, String choice) {
        for (String need : new String[] {"avx2", "fma", "f16c"}) {
            if (!flags.contains(need)) {
                throw new GgmlUnavailableException("ggml backend needs a CPU with AVX2, FMA and F16C; missing " + need);
            }
        }
        boolean avx512 = flags.containsAll(GgmlNatives.AVX512_FLAGS);
        return switch (choice) {
            case "auto" -> avx512 ? GgmlNatives.CPU_AVX512 : GgmlNatives.CPU_AVX2;
            case "avx2" -> GgmlNatives.CPU_AVX2;
            case "avx512" -> {
                if (!avx512) throw new GgmlUnavailableException("the avx512 CPU backend was asked for but the CPU lacks one of " + GgmlNatives.AVX512_FLAGS);
                yield GgmlNatives.CPU_AVX512;
            }
            default -> throw new GgmlUnavailableException("the ggml CPU backend must be auto, avx2 or avx512, not " + choice);
        };
    }

    private static Path extract(String cpuLib) {
        byte[] sums;
        try (InputStream in = GgmlNatives.open("SHA256SUMS")) {
            if (in == null) {
                throw new GgmlUnavailableException("the ggml native jar carries no linux-x86_64 libraries: depend on "
                        + "org.flowcoin:flow-ggml-native with <classifier>linux-x86_64</classifier>, not the plain artefact");
            }
            sums = in.readAllBytes();
        } catch (IOException e) {
            throw new GgmlUnavailableException("cannot read ggml SHA256SUMS", e);
        }
        Map<String, String> expected = new HashMap<>();
        for (String line : new String(sums, StandardCharsets.US_ASCII).split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2) expected.put(p[1], p[0]);
        }
        String tag = sha256(sums).substring(0, 16);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "flowcoin-ggml-" + EXPECTED_VERSION + "-" + tag);
        try {
            Files.createDirectories(dir);
            for (String name : GgmlNatives.LIBRARIES) {
                String lib = name.equals(GgmlNatives.CPU_AVX2) ? cpuLib : name;
                String want = expected.get(lib);
                if (want == null) throw new GgmlUnavailableException("SHA256SUMS lacks " + lib);
                Path target = dir.resolve(lib);
                if (Files.isRegularFile(target) && want.equals(sha256(Files.readAllBytes(target)))) continue;
                byte[] bytes;
                try (InputStream in = GgmlNatives.open(lib)) {
                    if (in == null) throw new GgmlUnavailableException("ggml native jar lacks " + lib);
                    bytes = in.readAllBytes();
                }
                if (!want.equals(sha256(bytes))) throw new GgmlUnavailableException(lib + " does not match SHA256SUMS");
                Path tmp = Files.createTempFile(dir, lib, ".tmp");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new GgmlUnavailableException("cannot extract ggml libraries to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks version, sizes and the data-field offset before the bindings are trusted. */
    private void selfCheck() {
        if (!EXPECTED_VERSION.equals(version)) {
            throw new GgmlUnavailableException("ggml version " + version + ", bindings are for " + EXPECTED_VERSION);
        }
        try {
            long overhead = (long) tensorOverhead.invokeExact();
            // ggml_tensor_overhead() = sizeof(struct ggml_object) (32) + sizeof(struct ggml_tensor).
            if (overhead != 32 + TENSOR_SIZE) {
                throw new GgmlUnavailableException("ggml_tensor_overhead() = " + overhead + ", expected " + (32 + TENSOR_SIZE));
            }
            if ((long) typeSize.invokeExact(TYPE_F32) != 4 || (long) typeSize.invokeExact(TYPE_I32) != 4) {
                throw new GgmlUnavailableException("unexpected ggml_type_size for F32/I32");
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment ctx = newContext(a, 1 << 16, false);
                try {
                    MemorySegment t = (MemorySegment) newTensor2d.invokeExact(ctx, TYPE_F32, 3L, 5L);
                    MemorySegment ts = t.reinterpret(TENSOR_SIZE);
                    MemorySegment data = (MemorySegment) getData.invokeExact(t);
                    if (ts.get(ADDRESS, TENSOR_DATA_OFFSET).address() != data.address()
                            || ts.get(JAVA_LONG, TENSOR_NE_OFFSET) != 3 || ts.get(JAVA_LONG, TENSOR_NE_OFFSET + 8) != 5
                            || ts.get(JAVA_LONG, TENSOR_NB_OFFSET + 8) != 12 || (long) nbytes.invokeExact(t) != 60) {
                        throw new GgmlUnavailableException("struct ggml_tensor layout differs from the bindings");
                    }
                    // src[] (read by the custom operations' upcalls): an op records its operands there.
                    MemorySegment u = (MemorySegment) newTensor2d.invokeExact(ctx, TYPE_F32, 3L, 5L);
                    MemorySegment sum = ((MemorySegment) add.invokeExact(ctx, t, u)).reinterpret(TENSOR_SIZE);
                    if (sum.get(ADDRESS, DownProjection.TENSOR_SRC_OFFSET).address() != t.address()
                            || sum.get(ADDRESS, DownProjection.TENSOR_SRC_OFFSET + 8).address() != u.address()) {
                        throw new GgmlUnavailableException("struct ggml_tensor src[] offset differs from the bindings");
                    }
                } finally {
                    free.invokeExact(ctx);
                }
            }
        } catch (GgmlUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new GgmlUnavailableException("ggml self-check failed", t);
        }
    }

    /** {@code ggml_init} with a pool of {@code memSize} bytes allocated by ggml; free with {@link #free}. */
    MemorySegment newContext(Arena arena, long memSize, boolean noAlloc) throws Throwable {
        return newContext(arena, memSize, MemorySegment.NULL, noAlloc);
    }

    /**
     * {@code ggml_init} over a caller-owned buffer ({@code NULL}: ggml allocates); {@code ggml_free}
     * then leaves the buffer alone, so one buffer serves many short-lived contexts.
     */
    MemorySegment newContext(Arena arena, long memSize, MemorySegment buffer, boolean noAlloc) throws Throwable {
        MemorySegment p = arena.allocate(INIT_PARAMS);
        p.set(JAVA_LONG, 0, memSize);
        p.set(ADDRESS, 8, buffer);
        p.set(JAVA_BOOLEAN, 16, noAlloc);
        MemorySegment ctx = (MemorySegment) init.invokeExact(p);
        if (ctx.equals(MemorySegment.NULL)) throw new OutOfMemoryError("ggml_init failed for " + memSize + " bytes");
        return ctx;
    }

    /**
     * A thread pool of {@code n} threads that sleep between graphs (polling level 0); free with
     * {@code threadpoolFree}. Reused by every graph of one evaluation, so threads start once per call.
     */
    MemorySegment newThreadpool(int n) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(THREADPOOL_PARAMS_SIZE, 8);
            threadpoolParamsInit.invokeExact(p, n);
            if (p.get(JAVA_INT, 512) != n) throw new IllegalStateException("ggml_threadpool_params layout differs from the bindings");
            p.set(JAVA_INT, THREADPOOL_PARAMS_POLL_OFFSET, 0);
            MemorySegment tp = (MemorySegment) threadpoolNew.invokeExact(p);
            if (tp.equals(MemorySegment.NULL)) throw new IllegalStateException("ggml_threadpool_new failed");
            return tp;
        }
    }

    /** Points tensor {@code t}'s data at {@code mem} (native memory that outlives every graph using it). */
    static void setData(MemorySegment t, MemorySegment mem) {
        t.reinterpret(TENSOR_SIZE).set(ADDRESS, TENSOR_DATA_OFFSET, mem);
    }

    /** The tensor's data as a segment of its ggml_nbytes. */
    MemorySegment data(MemorySegment t) throws Throwable {
        MemorySegment d = (MemorySegment) getData.invokeExact(t);
        long n = (long) nbytes.invokeExact(t);
        return d.reinterpret(n);
    }

    @Override
    public String toString() {
        return "Ggml[" + version + " " + cpuVariant + ", " + directory + ", " + handles.size() + " symbols]";
    }
}
