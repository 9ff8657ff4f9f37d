package org.flowcoin.net.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowcoin.net.Samples;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.Genesis;
import org.junit.jupiter.api.Test;

/** Headers, blocks and transactions travel as the primitives serialise them and decode back through them. */
class PrimitivesInteropTest {
    @Test
    void genesisTravelsThroughHeadersBlockAndTxMessages() throws Exception {
        ChainParams params = ChainParams.regtest();
        Block genesis = Genesis.block(params);

        HeadersMessage hm = new HeadersMessage(List.of(RawHeader.of(genesis.header())));
        HeadersMessage back = (HeadersMessage) MessageCodec.decode(MessageCodec.toFrame(Samples.MAGIC, hm));
        RawHeader raw = back.headers().getFirst();
        assertThat(raw.toBlockHeader()).isEqualTo(genesis.header());
        // the wire layer's own reading of the routing fields agrees with the primitives'
        assertThat(raw.hash()).isEqualTo(genesis.header().hash());
        assertThat(raw.prevHash()).isEqualTo(genesis.header().prevHash());
        assertThat(raw.deltaHash()).isEqualTo(genesis.header().trainingHash());
        assertThat(raw.height()).isEqualTo(genesis.header().height());
        assertThat(org.flowcoin.primitives.consensus.HeaderValidator.checkPow(params, raw.toBlockHeader()).accepted()).isTrue();

        BlockMessage bm = (BlockMessage) MessageCodec.decode(MessageCodec.toFrame(Samples.MAGIC, BlockMessage.of(genesis)));
        assertThat(bm.toBlock(params).toByteArray()).isEqualTo(genesis.toByteArray());
        assertThat(bm.header().hash()).isEqualTo(genesis.hash());

        var cb = Genesis.coinbase(params);
        TxMessage tm = (TxMessage) MessageCodec.decode(MessageCodec.toFrame(Samples.MAGIC, TxMessage.of(cb)));
        assertThat(tm.toTransaction()).isEqualTo(cb);
    }
}
